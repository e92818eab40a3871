package dev.nonstop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.nonstop.security.internal.NonstopUserDetails;
import dev.nonstop.testsupport.Fixtures;
import dev.nonstop.testsupport.IntegrationTest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Form login through Spring Security's filter chain, as the login page posts it. */
@IntegrationTest
class LoginFlowTest {

    @Autowired WebApplicationContext context;
    @Autowired Fixtures fixtures;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private MvcResult login(String email, String password, String address, MockHttpSession session) throws Exception {
        return mvc.perform(post("/login").param("username", email).param("password", password).session(session)
                .with(csrf()).with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })).andReturn();
    }

    @Test
    void a_correct_login_signs_in_and_renews_the_session_id() throws Exception {
        String email = fixtures.newTenant().email().value();
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();

        MvcResult result = login(email, Fixtures.PASSWORD, "203.0.113.10", session);

        assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
        HttpSession after = result.getRequest().getSession(false);
        assertThat(after).isNotNull();
        assertThat(after.getId()).isNotEqualTo(before);
        SecurityContext security = (SecurityContext) after.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(((NonstopUserDetails) security.getAuthentication().getPrincipal()).user().email().value())
                .isEqualTo(email);
    }

    @Test
    void repeated_wrong_passwords_are_throttled_with_a_time_to_retry() throws Exception {
        String email = fixtures.newTenant().email().value();
        MockHttpSession session = new MockHttpSession();
        for (int i = 0; i < 5; i++) {
            MvcResult wrong = login(email, "wrong password " + i, "203.0.113.20", session);
            assertThat(wrong.getResponse().getRedirectedUrl()).endsWith("/login?error");
            assertThat(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION))
                    .isNotInstanceOf(LoginThrottledException.class);
        }

        MvcResult refused = login(email, Fixtures.PASSWORD, "203.0.113.20", session);

        assertThat(refused.getResponse().getRedirectedUrl()).endsWith("/login?error");
        Object failure = refused.getRequest().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        assertThat(failure).isInstanceOfSatisfying(LoginThrottledException.class, throttled ->
                assertThat(throttled.retryAt()).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(120)));
    }

    @Test
    void an_attacker_elsewhere_cannot_lock_the_owner_out() throws Exception {
        String email = fixtures.newTenant().email().value();
        for (int i = 0; i < 8; i++) {
            login(email, "guess " + i, "198.51.100.66", new MockHttpSession());
        }
        MvcResult owner = login(email, Fixtures.PASSWORD, "203.0.113.30", new MockHttpSession());
        assertThat(owner.getResponse().getRedirectedUrl()).doesNotContain("error");
    }
}
