package dev.nonstop.sandbox.internal.api;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * fabric8's CRUD store wrapped so that it behaves like an API server where Nonstop relies on it:
 * server-side apply with field managers, status kept on main-resource updates, garbage collection by
 * owner references, namespace deletion removing its contents, refusal of objects in a namespace that
 * does not exist, admission hooks (quota), and the discovery documents kubectl needs.
 * Writes are serialised by one lock, so read-modify-write sequences are atomic.
 */
public class SandboxDispatcher extends KubernetesCrudDispatcher {

    /** Decides whether a new object may be created; returns a refusal, or empty to admit it. */
    public interface Admission {
        Optional<MockResponse> admit(String namespace, ObjectNode object);
    }

    static final String APPLY_PATCH = "application/apply-patch";

    private final Clock clock;
    private final ReentrantLock writes = new ReentrantLock();
    private final List<Admission> admissions = new ArrayList<>();
    private final QuotaAdmission quota;
    private final IndexedStore store;
    private final GarbageCollector garbage;
    private final ComputedReads reads;
    private final java.util.concurrent.atomic.AtomicInteger refusedStatusWrites =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> watches =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final PodMetricsSource podMetrics = new PodMetricsSource();
    private volatile java.time.Duration delay = java.time.Duration.ZERO;
    private final BearerToken token;

    public SandboxDispatcher(Clock clock, BearerToken token) {
        super(ResourceCatalog.RESOURCES.stream()
                .filter(r -> r.group().equals("tekton.dev") || r.group().equals("metrics.k8s.io"))
                .map(r -> new CustomResourceDefinitionContext.Builder().withGroup(r.group())
                        .withVersion(r.version()).withKind(r.kind()).withPlural(r.plural())
                        .withScope(r.namespaced() ? "Namespaced" : "Cluster").withStatusSubresource(r.hasStatus())
                        .build())
                .toList());
        this.clock = clock;
        this.token = token;
        this.store = new IndexedStore();
        this.quota = new QuotaAdmission(this::list, ns -> !store.keysIn("resourcequotas", "v1", ns).isEmpty());
        this.garbage = new GarbageCollector(
                namespace -> namespace == null ? List.copyOf(getMap().values()) : store.valuesInNamespace(namespace),
                this::get, objectPath -> handleDelete(objectPath).code() < 300);
        this.reads = new ComputedReads(this::get, this::handleGet, this::podsMatching, clock, podMetrics);
        try {
            java.lang.reflect.Field map = io.fabric8.mockwebserver.crud.CrudDispatcher.class.getDeclaredField("map");
            map.setAccessible(true);
            map.set(this, store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot index the sandbox store", e);
        }
    }

    /** Lookups by name go to the identity index instead of scanning every stored object. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        String name = IndexedStore.value(query, "name");
        String plural = IndexedStore.value(query, "plural");
        String version = IndexedStore.value(query, "version");
        if (name != null && plural != null && version != null) {
            AttributeSet key = store.keyOf(plural, version, IndexedStore.value(query, "namespace"), name);
            String value = key == null ? null : store.get(key);
            return key != null && value != null && key.matches(query) ? Map.entry(key, value) : null;
        }
        return super.findResource(query);
    }

    /** Deletes by name find their object through the index (fabric8's handler scans every object). */
    @Override
    public MockResponse handleDelete(String path) {
        return store.narrowed(getAttributeExtractor().fromPath(path), () -> super.handleDelete(path));
    }

    /** Fault: the next {@code count} pod status writes are refused with a conflict (409), which clients do not retry. */
    public void refusePodStatusWrites(int count) {
        refusedStatusWrites.set(count);
    }

    /** Fault: every answer (but watch streams) comes this much later, as from an overloaded API server. */
    public void setDelay(java.time.Duration newDelay) {
        delay = newDelay;
    }

    public PodMetricsSource podMetrics() {
        return podMetrics;
    }

    /** Gets and lists (not watches) answered from the indexes; PodMetrics computed from the pods. */
    @Override
    public MockResponse handleGet(String path) {
        if (path.contains("watch=")) {
            return super.handleGet(path);
        }
        if (path.startsWith("/apis/metrics.k8s.io/v1beta1/")) {
            return reads.metrics(path);
        }
        AttributeSet query = getAttributeExtractor().fromPath(path);
        String plural = IndexedStore.value(query, "plural");
        String version = IndexedStore.value(query, "version");
        if (plural == null || version == null) {
            return super.handleGet(path);
        }
        String name = IndexedStore.value(query, "name");
        String namespace = IndexedStore.value(query, "namespace");
        if (name != null) {
            Map.Entry<AttributeSet, String> found = findResource(query);
            return found == null ? ApiStatus.failure(404, "NotFound", plural + " \"" + name + "\" not found")
                    : ApiStatus.json(200, found.getValue());
        }
        return ApiStatus.json(200, new io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer()
                .compose(store.matching(query, plural, version, namespace), String.valueOf(requestResourceVersion())));
    }

    private List<String> podsMatching(String path) {
        AttributeSet query = getAttributeExtractor().fromPath(path);
        return store.matching(query, "pods", "v1", IndexedStore.value(query, "namespace"));
    }

    /** How many watch requests the API has served for a resource ("apps/deployments", "/pods"). */
    public int watchRequests(String groupAndPlural) {
        var count = watches.get(groupAndPlural);
        return count == null ? 0 : count.get();
    }

    public void addAdmission(Admission admission) {
        admissions.add(admission);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response;
        try {
            response = token.refusal(request).orElseGet(() -> route(request));
        } catch (RuntimeException bug) {
            // Never leave a client hanging: an internal failure is a 500 with the reason, as an API server answers.
            org.slf4j.LoggerFactory.getLogger(SandboxDispatcher.class).warn("sandbox API failed on {} {}",
                    request.getMethod(), request.getPath(), bug);
            response = ApiStatus.failure(500, "InternalError", "sandbox API error: " + bug);
        }
        // The store answers JSON without saying so; clients that also accept protobuf (kubectl) need to be told.
        if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
            response.setHeader("Content-Type", "application/json");
        }
        if (!delay.isZero() && response.getWebSocketListener() == null) {
            response.setBodyDelay(delay);
        }
        return response;
    }

    private MockResponse route(RecordedRequest request) {
        String rawPath = request.getPath();
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            Optional<String> discovery = Discovery.document(rawPath);
            if (discovery.isPresent()) {
                return rawPath.startsWith("/healthz") || rawPath.startsWith("/readyz") || rawPath.startsWith("/livez")
                        ? new MockResponse().setResponseCode(200).setBody(discovery.get())
                        : ApiStatus.json(200, discovery.get());
            }
            Optional<ResourcePath> logPath = ResourcePath.parse(rawPath)
                    .filter(p -> "pods".equals(p.plural()) && "log".equals(p.subresource()) && p.group().isEmpty());
            if (logPath.isPresent()) {
                return reads.podLog(logPath.get());
            }
            if (rawPath.contains("watch=true") || rawPath.contains("watch=1")) {
                ResourcePath.parse(rawPath).ifPresent(p -> watches.computeIfAbsent(
                        p.group() + "/" + p.plural(), k -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet());
            }
            if (Tables.wanted(request.getHeader("Accept")) && !rawPath.contains("watch=")) {
                Optional<ResourcePath> table = ResourcePath.parse(rawPath);
                if (table.isPresent() && table.get().subresource() == null) {
                    MockResponse plain = super.dispatch(request);
                    if (plain.code() != 200) {
                        return plain;
                    }
                    return ApiStatus.json(200, Tables.of(ApiBodies.parse(plain.getBody().readUtf8()), table.get().plural(),
                            clock.instant()));
                }
            }
            return super.dispatch(request);
        }
        Optional<ResourcePath> parsed = ResourcePath.parse(rawPath);
        if (parsed.isEmpty()) {
            return super.dispatch(request);
        }
        ResourcePath path = parsed.get();
        if ("status".equals(path.subresource()) && "pods".equals(path.plural())
                && refusedStatusWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return ApiStatus.failure(409, "Conflict", "sandbox fault: the object has been modified; please apply your"
                    + " changes to the latest version and try again");
        }
        writes.lock();
        try {
            return switch (method) {
                case POST -> create(request, path);
                case PUT -> update(request, path);
                case PATCH -> isApply(request) ? apply(request, path) : patch(request, path);
                case DELETE -> delete(request, path);
                default -> super.dispatch(request);
            };
        } catch (ApiBodies.BadRequest bad) {
            return ApiStatus.failure(400, "BadRequest", bad.getMessage());
        } finally {
            writes.unlock();
        }
    }

    private static boolean isApply(RecordedRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.startsWith(APPLY_PATCH);
    }

    // ---- create ----------------------------------------------------------------------------------

    private MockResponse create(RecordedRequest request, ResourcePath path) {
        ObjectNode body = ApiBodies.body(request);
        String namespace = path.namespace();
        if (namespace != null) {
            Optional<MockResponse> refused = namespaceMissing(namespace)
                    .or(() -> quota.admit(namespace, path, body)).or(() -> admit(namespace, body));
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        String manager = path.query().get("fieldManager");
        if (manager != null) {
            ManagedFields.recordUpdate(null, body, manager, clock.instant());
        }
        return super.handleCreate(ApiBodies.rewrite(request, HttpMethod.POST, request.getPath(), body));
    }

    private Optional<MockResponse> namespaceMissing(String namespace) {
        if (store.keyOf("namespaces", "v1", null, namespace) != null) {
            return Optional.empty();
        }
        return Optional.of(ApiStatus.failure(404, "NotFound", "namespaces \"" + namespace + "\" not found"));
    }

    private Optional<MockResponse> admit(String namespace, ObjectNode object) {
        for (Admission admission : admissions) {
            Optional<MockResponse> refused = admission.admit(namespace, object);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    // ---- update (PUT) ----------------------------------------------------------------------------

    private MockResponse update(RecordedRequest request, ResourcePath path) {
        if (path.name() != null && "status".equals(path.subresource())) {
            return updateStatus(request, path);
        }
        if (path.name() == null || path.subresource() != null) {
            return super.dispatch(request);
        }
        ObjectNode body = ApiBodies.body(request);
        ObjectNode current = get(path.objectPath());
        if (current != null) {
            keepStatus(path, current, body);
            String manager = path.query().get("fieldManager");
            if (manager != null || current.path("metadata").has("managedFields")) {
                ManagedFields.recordUpdate(current, body, manager == null ? "unknown" : manager, clock.instant());
            }
        }
        return super.handleUpdate(ApiBodies.rewrite(request, HttpMethod.PUT, request.getPath(), body));
    }

    /** A write to the status subresource changes the status only, whatever else the body carries. */
    private MockResponse updateStatus(RecordedRequest request, ResourcePath path) {
        ObjectNode current = get(path.objectPath());
        if (current == null) {
            return ApiStatus.failure(404, "NotFound", path.plural() + " \"" + path.name() + "\" not found");
        }
        JsonNode status = ApiBodies.body(request).get("status");
        ObjectNode merged = current.deepCopy();
        if (status == null) {
            merged.remove("status");
        } else {
            merged.set("status", status.deepCopy());
        }
        return super.dispatch(ApiBodies.rewrite(request, HttpMethod.PUT, request.getPath(), merged));
    }

    /** A write to the main resource never changes status: that is the status subresource's job. */
    private static void keepStatus(ResourcePath path, ObjectNode current, ObjectNode body) {
        boolean hasStatus = ResourceCatalog.byPath(path).map(ResourceCatalog.Resource::hasStatus).orElse(false);
        if (!hasStatus) {
            return;
        }
        JsonNode status = current.get("status");
        if (status == null) {
            body.remove("status");
        } else {
            body.set("status", status.deepCopy());
        }
    }

    // ---- patch -----------------------------------------------------------------------------------

    private MockResponse patch(RecordedRequest request, ResourcePath path) {
        ObjectNode before = path.name() == null ? null : get(path.objectPath());
        MockResponse response = super.dispatch(request);
        if (before != null && path.subresource() == null && response.code() < 300
                && (before.path("metadata").has("managedFields") || path.query().containsKey("fieldManager"))) {
            ObjectNode after = get(path.objectPath());
            if (after != null) {
                ManagedFields.recordUpdate(before, after, path.query().getOrDefault("fieldManager", "unknown"),
                        clock.instant());
                replaceSilently(path.objectPath(), after);
            }
        }
        return response;
    }

    /** Rewrites an object's stored form without an event (only its managed fields changed). */
    private void replaceSilently(String objectPath, ObjectNode object) {
        AttributeSet key = getKey(objectPath);
        Map.Entry<AttributeSet, String> entry = findResource(key);
        if (entry != null) {
            getMap().put(entry.getKey(), object.toString());
        }
    }

    // ---- server-side apply -----------------------------------------------------------------------

    private MockResponse apply(RecordedRequest request, ResourcePath path) {
        if (path.name() == null) {
            return ApiStatus.failure(400, "BadRequest", "apply needs an object name in the path");
        }
        String manager = path.query().get("fieldManager");
        if (manager == null || manager.isBlank()) {
            return ApiStatus.failure(400, "BadRequest", "fieldManager is required for apply patch");
        }
        boolean force = "true".equals(path.query().get("force"));
        ObjectNode config = ApiBodies.body(request);
        ObjectNode current = get(path.objectPath());
        try {
            if (current == null) {
                if (path.namespace() != null) {
                    Optional<MockResponse> refused = namespaceMissing(path.namespace())
                            .or(() -> quota.admit(path.namespace(), path, config))
                            .or(() -> admit(path.namespace(), config));
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                }
                ObjectNode created = ManagedFields.apply(null, config, manager, force, clock.instant());
                ObjectNode metadata = created.withObjectProperty("metadata");
                metadata.put("name", path.name());
                if (path.namespace() != null) {
                    metadata.put("namespace", path.namespace());
                }
                String collection = new ResourcePath(path.group(), path.version(), path.namespace(), path.plural(),
                        null, null, Map.of()).objectPath();
                MockResponse response = super.handleCreate(ApiBodies.rewrite(request, HttpMethod.POST, collection, created));
                return response.code() == 201 ? response.setResponseCode(201) : response;
            }
            ObjectNode applied = ManagedFields.apply(current, config, manager, force, clock.instant());
            MockResponse response = super.handleUpdate(ApiBodies.rewrite(request, HttpMethod.PUT, path.objectPath(), applied));
            return response;
        } catch (ManagedFields.ConflictException conflict) {
            return ApiStatus.failure(409, "Conflict", conflict.getMessage());
        }
    }

    // ---- delete, with garbage collection ---------------------------------------------------------

    private MockResponse delete(RecordedRequest request, ResourcePath path) {
        if (path.name() == null || path.subresource() != null) {
            return super.dispatch(request);
        }
        ObjectNode victim = get(path.objectPath());
        MockResponse response = super.dispatch(request);
        if (victim != null && response.code() < 300) {
            garbage.collect(victim, path);
        }
        return response;
    }

    /** The stored list at a collection path (an empty object when there is none). */
    JsonNode list(String collectionPath) {
        MockResponse response = handleGet(collectionPath);
        return response.code() == 200 ? ApiBodies.parse(response.getBody().readUtf8()) : ApiBodies.JSON.createObjectNode();
    }

    /** The stored object at a path, or null. */
    public @Nullable ObjectNode get(String objectPath) {
        MockResponse response = handleGet(objectPath);
        if (response.code() != 200) {
            return null;
        }
        JsonNode node = ApiBodies.parse(response.getBody().readUtf8());
        return node instanceof ObjectNode object && object.has("metadata") && !"Status".equals(
                object.path("kind").asString("")) ? object : null;
    }
}
