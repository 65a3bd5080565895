package io.kustomertoken.limits.control;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@link SharedCells} in the server's data grid through JCache: Payara Server's Hazelcast, whose
 * cache manager is at JNDI {@value #CACHE_MANAGER}. Loaded by name (TokenLimiter) only when the
 * limits count for the group, so that a server without JCache (WildFly) never needs its API.
 * An entry not written for a minute is dropped: its bucket would be full again by then.
 */
final class JCacheCells implements SharedCells {

    static final String CACHE_MANAGER = "payara/CacheManager";
    static final String CACHE = "kustomer-token-buckets";

    private final Cache<String, long[]> cache;

    JCacheCells() throws NamingException {
        CacheManager manager = (CacheManager) new InitialContext().lookup(CACHE_MANAGER);
        Cache<String, long[]> existing = manager.getCache(CACHE, String.class, long[].class);
        this.cache = existing != null ? existing : created(manager);
    }

    private static Cache<String, long[]> created(CacheManager manager) {
        MutableConfiguration<String, long[]> configuration = new MutableConfiguration<String, long[]>()
                .setTypes(String.class, long[].class)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(Duration.ONE_MINUTE))
                .setStatisticsEnabled(false);
        try {
            return manager.createCache(CACHE, configuration);
        } catch (CacheException createdMeanwhile) {
            // another instance of the group made it first
            return manager.getCache(CACHE, String.class, long[].class);
        }
    }

    @Override
    public long[] get(String key) {
        return cache.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, long[] value) {
        return cache.putIfAbsent(key, value);
    }

    @Override
    public boolean replace(String key, long[] expected, long[] value) {
        return cache.replace(key, expected, value);
    }
}
