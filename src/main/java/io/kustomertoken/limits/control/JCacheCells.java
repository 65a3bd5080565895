package io.kustomertoken.limits.control;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@link SharedCells} in the server's data grid through JCache: Payara Server's Hazelcast, whose
 * cache manager is at JNDI {@value #CACHE_MANAGER}. The JCache API is used through the classes the
 * server gives this application, found by name, not compiled against: a copy of the API on the
 * class path of embedded Payara (the tests, the run command) breaks its CDI (WELD-001121), and
 * WildFly has none. An entry not written for a minute is dropped: its bucket would be full again.
 */
final class JCacheCells implements SharedCells {

    static final String CACHE_MANAGER = "payara/CacheManager";
    static final String CACHE = "kustomer-token-buckets";

    private final MethodHandle get;
    private final MethodHandle putIfAbsent;
    private final MethodHandle replace;

    JCacheCells() throws NamingException, ReflectiveOperationException {
        Object manager = new InitialContext().lookup(CACHE_MANAGER);
        Class<?> managerType = api("javax.cache.CacheManager");
        Class<?> cacheType = api("javax.cache.Cache");
        Object cache = managerType.getMethod("getCache", String.class, Class.class, Class.class)
                .invoke(manager, CACHE, String.class, long[].class);
        if (cache == null) {
            cache = created(manager, managerType);
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        get = lookup.findVirtual(cacheType, "get", MethodType.methodType(Object.class, Object.class)).bindTo(cache);
        putIfAbsent = lookup.findVirtual(cacheType, "putIfAbsent",
                MethodType.methodType(boolean.class, Object.class, Object.class)).bindTo(cache);
        replace = lookup.findVirtual(cacheType, "replace",
                MethodType.methodType(boolean.class, Object.class, Object.class, Object.class)).bindTo(cache);
    }

    private static Object created(Object manager, Class<?> managerType) throws ReflectiveOperationException {
        Class<?> configurationType = api("javax.cache.configuration.MutableConfiguration");
        Object configuration = configurationType.getConstructor().newInstance();
        configurationType.getMethod("setTypes", Class.class, Class.class).invoke(configuration, String.class, long[].class);
        Class<?> durationType = api("javax.cache.expiry.Duration");
        Object expiry = api("javax.cache.expiry.ModifiedExpiryPolicy").getMethod("factoryOf", durationType)
                .invoke(null, durationType.getField("ONE_MINUTE").get(null));
        configurationType.getMethod("setExpiryPolicyFactory", api("javax.cache.configuration.Factory"))
                .invoke(configuration, expiry);
        try {
            return managerType.getMethod("createCache", String.class, api("javax.cache.configuration.Configuration"))
                    .invoke(manager, CACHE, configuration);
        } catch (InvocationTargetException createdMeanwhile) {
            // another instance of the group made it first
            return managerType.getMethod("getCache", String.class, Class.class, Class.class)
                    .invoke(manager, CACHE, String.class, long[].class);
        }
    }

    private static Class<?> api(String name) throws ClassNotFoundException {
        return Class.forName(name, true, JCacheCells.class.getClassLoader());
    }

    @Override
    public long[] get(String key) {
        try {
            return (long[]) get.invoke(key);
        } catch (Throwable failed) {
            throw unchecked(failed);
        }
    }

    @Override
    public boolean putIfAbsent(String key, long[] value) {
        try {
            return (boolean) putIfAbsent.invoke(key, value);
        } catch (Throwable failed) {
            throw unchecked(failed);
        }
    }

    @Override
    public boolean replace(String key, long[] expected, long[] value) {
        try {
            return (boolean) replace.invoke(key, expected, value);
        } catch (Throwable failed) {
            throw unchecked(failed);
        }
    }

    private static RuntimeException unchecked(Throwable failed) {
        if (failed instanceof Error error && !(error instanceof LinkageError)) {
            throw error;
        }
        return new Unavailable(failed);
    }
}
