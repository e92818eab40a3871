package dev.nonstop.security;

/** What the sign-up form sends, as typed. {@code slug} may be blank: one is suggested from the company name. */
public record SignUpRequest(String email, String password, String displayName, String companyName, String slug) {

    @Override
    public String toString() {
        return "SignUpRequest[email=" + email + ", displayName=" + displayName + ", companyName=" + companyName
                + ", slug=" + slug + ", password=<hidden>]";
    }
}
