package io.kustomertoken.limits.control;

import io.kustomertoken.identity.entity.Caller;
import io.kustomertoken.identity.entity.Identity;
import io.kustomertoken.limits.entity.LimitScope;
import io.kustomertoken.limits.entity.TokenLimits;
import io.kustomertoken.problems.entity.ProblemException;
import io.kustomertoken.settings.control.ConfigSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Spends a token of each limit that applies before a token is signed: a customer's own, per
 * caller; a delegate's, per delegate and per customer it names. The limits are read through
 * {@link ConfigSnapshot} like every setting, so an administrator's change applies within the
 * re-read interval, without a redeploy. They count on this instance, or with
 * {@code kustomer.limit.scope=group} once for the whole group in the server's data grid; when
 * that cannot be done the service does not sign (503, readiness down) rather than count less.
 */
@ApplicationScoped
public class TokenLimiter {

    private static final Logger LOG = Logger.getLogger(TokenLimiter.class.getName());

    @Inject
    Config config;

    private final TokenBuckets instanceBuckets = new TokenBuckets(TokenLimits.DEFAULTS.trackedKeys(), System::nanoTime);
    private volatile Buckets groupBuckets;
    // The warnings of the last read: logged when they change, not on every re-read.
    private final AtomicReference<List<String>> warned = new AtomicReference<>(List.of());
    private ConfigSnapshot<InForce> snapshot;

    /** The limits and where they count, as last read. */
    private record InForce(TokenLimits limits, Buckets buckets) {
    }

    @PostConstruct
    void readThroughSnapshot() {
        snapshot = new ConfigSnapshot<>(config, this::configuredLimits);
    }

    /** Spends one token for {@code identity}, got by {@code caller} acting in {@code role}; 429 when a limit is spent. */
    public void spend(Caller caller, String role, Identity identity) {
        InForce inForce;
        try {
            inForce = snapshot.get();
        } catch (LimitsRefusedException refused) {
            throw ProblemException.misconfigured();
        }
        TokenLimits limits = inForce.limits();
        Buckets buckets = inForce.buckets();
        if (Caller.DELEGATE_ROLE.equals(role)) {
            String named = "identity:" + identity.claimKustomerUses() + ":" + identity.valueKustomerUses();
            long wait = buckets.take(named, limits.identityPerMinute());
            if (wait > 0) {
                throw new LimitExceededException("This customer has had " + limits.identityPerMinute()
                        + " tokens in the last minute; retry after " + wait + " s.", wait);
            }
            String delegate = "delegate:" + callerKey(caller);
            try {
                wait = buckets.take(delegate, limits.delegatePerMinute());
            } catch (ProblemException refused) {
                buckets.giveBack(named, limits.identityPerMinute());
                throw refused;
            }
            if (wait > 0) {
                buckets.giveBack(named, limits.identityPerMinute());
                throw new LimitExceededException("You have had " + limits.delegatePerMinute()
                        + " tokens in the last minute; retry after " + wait + " s.", wait);
            }
            return;
        }
        long wait = buckets.take("customer:" + callerKey(caller), limits.customerPerMinute());
        if (wait > 0) {
            throw new LimitExceededException("You have had " + limits.customerPerMinute()
                    + " tokens in the last minute; retry after " + wait + " s.", wait);
        }
    }

    // Every caller that reaches here is authenticated and has a name or an email (its own identity).
    private static String callerKey(Caller caller) {
        return caller.name() != null ? "name:" + caller.name() : "email:" + caller.email();
    }

    /** Why no token can be limited as configured now, naming the property; empty when it can. */
    public Optional<String> refusal() {
        try {
            snapshot.get();
            return Optional.empty();
        } catch (LimitsRefusedException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private InForce configuredLimits() {
        LimitSettings.Read read = LimitSettings.read(key -> config.getOptionalValue(key, String.class));
        if (!read.warnings().equals(warned.getAndSet(read.warnings()))) {
            read.warnings().forEach(LOG::warning);
        }
        instanceBuckets.resize(read.limits().trackedKeys());
        try {
            LimitScope scope = LimitSettings.scope(config.getOptionalValue(LimitScope.KEY, String.class));
            return new InForce(read.limits(), scope == LimitScope.GROUP ? groupBuckets() : instanceBuckets);
        } catch (LimitsRefusedException refused) {
            LOG.severe(refused.getMessage());
            throw refused;
        }
    }

    private Buckets groupBuckets() {
        if (groupBuckets == null) {
            groupBuckets = new GroupBuckets(DataGrid.cells(), System::currentTimeMillis);
        }
        return groupBuckets;
    }
}
