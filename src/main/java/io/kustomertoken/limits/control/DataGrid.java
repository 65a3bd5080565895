package io.kustomertoken.limits.control;

import io.kustomertoken.limits.entity.LimitScope;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the server's data grid for limits that count for the group. WildFly: the Infinispan cache
 * that {@code WEB-INF/jboss-web.xml} names as {@value #WILDFLY_CACHE_REF} when the server has
 * {@value #WILDFLY_CACHE_KEY} at deployment (a resource reference is what makes WildFly start a
 * cache for a deployment; without the property it names a text the server always has). Payara
 * Server: JCache on its Hazelcast.
 */
final class DataGrid {

    static final String WILDFLY_CACHE_KEY = "kustomer.limit.group-cache";
    static final String WILDFLY_CACHE_REF = "java:comp/env/kustomer/token-buckets";

    private DataGrid() {
    }

    /** The group's cells; refused with the setting to fix when this server offers none. */
    @SuppressWarnings("unchecked")
    static SharedCells cells() {
        Object wildflyCache = lookup(WILDFLY_CACHE_REF);
        if (wildflyCache instanceof ConcurrentMap<?, ?> map) {
            return new MapCells((ConcurrentMap<String, String>) map);
        }
        if (wildflyCache != null) {
            throw new LimitsRefusedException(LimitScope.KEY + "=group needs an Infinispan cache of the group on WildFly:"
                    + " the server had no " + WILDFLY_CACHE_KEY + " when the WAR was deployed"
                    + " (server-config/wildfly/group-limits.sh sets it and redeploys).");
        }
        try {
            return new JCacheCells();
        } catch (NamingException | ReflectiveOperationException | LinkageError | RuntimeException unavailable) {
            Throwable cause = unavailable instanceof InvocationTargetException && unavailable.getCause() != null
                    ? unavailable.getCause() : unavailable;
            throw new LimitsRefusedException(LimitScope.KEY + "=group needs the server's data grid through JCache"
                    + " (Payara Server: JNDI " + JCacheCells.CACHE_MANAGER + "), which this server does not offer ("
                    + cause.getClass().getSimpleName() + "); set it to instance, or run on Payara Server.");
        }
    }

    private static Object lookup(String name) {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException | RuntimeException absent) {
            return null;
        }
    }
}
