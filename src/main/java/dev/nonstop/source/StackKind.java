package dev.nonstop.source;

/** How a repository gets built: from its Dockerfile, or by Cloud Native Buildpacks for a known stack. */
public enum StackKind {
    DOCKERFILE(true), JAVA_MAVEN(false), JAVA_GRADLE(false), NODE(false), PYTHON(false), GO(false),
    STATIC(false), NONE(false);

    private final boolean dockerfile;

    StackKind(boolean dockerfile) {
        this.dockerfile = dockerfile;
    }

    /** Built with buildah from a Dockerfile (true) or with the buildpacks lifecycle (false). */
    public boolean usesDockerfile() {
        return dockerfile;
    }
}
