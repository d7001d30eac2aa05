/**
 * A cluster of machines sharing one exploration, on Hazelcast embedded in each JVM: the coordinator
 * ({@code check --cluster}) serves leases of its search to the workers of other members
 * ({@code mirrorcheck worker --cluster}) through the explorer's {@code RemoteWorkers}. Only the
 * command line reaches this package, and only when a cluster is asked for: a plain check loads no
 * Hazelcast class.
 */
package dev.mirrorcheck.cluster;
