package dev.nonstop.bench;

import dev.nonstop.build.BuildService;
import dev.nonstop.build.BuildSource;
import dev.nonstop.build.Inspection;
import dev.nonstop.security.SignUpResult;
import dev.nonstop.tenant.TenantService;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.GitFixtures;
import dev.nonstop.tier.TierCode;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** The benchmarks' tenants: PAID, each with a source "app" on the local Git fixture's docker-app. */
public final class BenchTenants {

    /** A tenant's owner, the owner's signed-in security context (to act as them later), and the source. */
    public record Tenant(SignUpResult owner, SecurityContext security, BuildSource source) {
    }

    private BenchTenants() {
    }

    /** Signs up a tenant, moves it to PAID and creates its source; leaves nobody signed in. */
    public static Tenant paidWithSource(Fixtures fixtures, TenantService tenants, BuildService builds) {
        var git = GitFixtures.shared();
        SignUpResult owner = fixtures.newTenant();
        fixtures.signInAs(Fixtures.ADMIN);
        tenants.changeTier(owner.tenantId(), TierCode.PAID);
        fixtures.signInAs(owner.email().value());
        Inspection inspection = builds.inspect(git.url("acme", "docker-app"), null);
        BuildSource source = builds.createSource("app", git.url("acme", "docker-app"), null, inspection.detection());
        Tenant tenant = new Tenant(owner, SecurityContextHolder.getContext(), source);
        SecurityContextHolder.clearContext();
        return tenant;
    }
}
