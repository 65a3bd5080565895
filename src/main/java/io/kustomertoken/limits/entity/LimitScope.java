package io.kustomertoken.limits.entity;

/**
 * Where the limits count: on each server instance alone (the default; a caller spread over N
 * instances gets up to N times each limit), or once for the whole group of instances, in the
 * server's data grid (Payara Server's Hazelcast through JCache, or an Infinispan cache of a WildFly
 * server group).
 */
public enum LimitScope {
    INSTANCE, GROUP;

    public static final String KEY = "kustomer.limit.scope";
}
