package dev.nonstop.common;

/** The sizes an app replica can have: CPU in millicores, memory in MiB, requests and limits. */
public enum ReplicaSize {
    S(100, 250, 128, 256),
    M(250, 500, 256, 512),
    L(500, 1000, 512, 1024);

    private final int cpuRequestMilli;
    private final int cpuLimitMilli;
    private final int memoryRequestMib;
    private final int memoryLimitMib;

    ReplicaSize(int cpuRequestMilli, int cpuLimitMilli, int memoryRequestMib, int memoryLimitMib) {
        this.cpuRequestMilli = cpuRequestMilli;
        this.cpuLimitMilli = cpuLimitMilli;
        this.memoryRequestMib = memoryRequestMib;
        this.memoryLimitMib = memoryLimitMib;
    }

    public int cpuRequestMilli() {
        return cpuRequestMilli;
    }

    public int cpuLimitMilli() {
        return cpuLimitMilli;
    }

    public int memoryRequestMib() {
        return memoryRequestMib;
    }

    public int memoryLimitMib() {
        return memoryLimitMib;
    }
}
