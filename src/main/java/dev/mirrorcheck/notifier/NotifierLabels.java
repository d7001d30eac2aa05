package dev.mirrorcheck.notifier;

import com.google.common.collect.ImmutableMap;

/**
 * The protocol steps the notifier core labels (a label is {@code ROLE:STEP}; these are the STEPs),
 * in the groups a design uses: every design runs the {@link #CORE} start/end; the interval-notifier
 * designs add {@link #INTERVAL}, the raw-notifier designs {@link #CLASSIC}, the 2015 design
 * {@link #ACTIVE_RANGES}. Coverage and {@code must-reach} read them through the label inventory.
 */
public final class NotifierLabels {
  private NotifierLabels() {}

  /** The start/end accounting every invalidation runs (mm/mmu_notifier.c). */
  public static final ImmutableMap<String, String> CORE = ImmutableMap.<String, String>builder()
      .put("S.lock", "spin_lock(&subscriptions->lock)")
      .put("S.unlock", "spin_unlock(&subscriptions->lock)")
      .put("mn_itree_inv_start_range", "mn_itree_inv_start_range(): count the invalidation and find the overlapping subscriptions")
      .put("read_hlist", "read the raw (hlist) notifier list")
      .put("read_active", "read subscriptions->active_invalidate_ranges")
      .put("active_inc", "active_invalidate_ranges++ at invalidate_range_start")
      .put("itree_walk", "interval_tree_iter_first(): the subscriptions overlapping the range")
      .put("read_seq", "read subscriptions->invalidate_seq")
      .put("mn_itree_inv_end", "mn_itree_inv_end(): the invalidation ends; the last one closes the epoch")
      .put("read_ranges", "read the active-range list (empty unless the 2015 design tracks ranges)")
      .put("active_dec", "active_invalidate_ranges-- at invalidate_range_end")
      .put("read_itree", "read the interval tree")
      .build();

  /** Interval notifiers and their odd/even sequence epochs (Linux 5.5+). */
  public static final ImmutableMap<String, String> INTERVAL = ImmutableMap.<String, String>builder()
      .put("seq_open_epoch", "invalidate_seq |= 1: an invalidation hits a subscription and opens an odd epoch")
      .put("seq_close_epoch", "invalidate_seq++: the last active invalidation ends and closes the epoch (even)")
      .put("read_deferred", "read the deferred insert/remove list")
      .put("apply_deferred", "mn_itree_inv_end(): apply the inserts and removes deferred during the epoch")
      .put("interval_tree_insert", "interval_tree_insert() of a subscription")
      .put("interval_tree_remove", "interval_tree_remove() of a subscription")
      .put("hlist_del", "hlist_del() of an applied deferred entry")
      .put("wake_up_all", "wake_up_all(&subscriptions->wq): sleepers in read_begin and remove re-check the epoch")
      .put("read_begin", "mmu_interval_read_begin(): sample the subscription's seq under the lock")
      .put("read_sub_seq", "read interval_sub->invalidate_seq")
      .put("read_begin_wait", "mmu_interval_read_begin(): sleep until the epoch that hit the subscription ends")
      .put("read_retry", "mmu_interval_read_retry(): the collision check under the driver lock")
      .put("check_retry", "mmu_interval_check_retry(): the lockless early-exit hint inside hmm_range_fault")
      .put("set_seq", "mmu_interval_set_seq(): the callback records the epoch, under the driver lock")
      .put("interval_notifier_insert", "mmu_interval_notifier_insert(): register a subscription")
      .put("init_sub_seq", "the new subscription's seq: one below an idle seq, or the open epoch")
      .put("defer_insert", "an insert during an open epoch is deferred to its end")
      .put("interval_notifier_remove", "mmu_interval_notifier_remove(): unregister a subscription")
      .put("cancel_insert", "a remove cancels the same subscription's deferred insert")
      .put("defer_remove", "a remove during an open epoch is deferred to its end")
      .put("remove_wait", "mmu_interval_notifier_remove(): wait until the epoch that deferred the removal ends")
      .put("seq_released", "the removal's wait condition re-checked under the lock (commit 319561669a59)")
      .build();

  /** Raw mmu_notifiers on the mm's hlist, protected by SRCU (pre-interval ODP, the 2015 HMM). */
  public static final ImmutableMap<String, String> CLASSIC = ImmutableMap.<String, String>builder()
      .put("srcu_read_lock", "srcu_read_lock(): enter an SRCU read-side section")
      .put("srcu_read_unlock", "srcu_read_unlock()")
      .put("hlist_add_head_rcu", "mmu_notifier_register(): add a notifier to the mm's list")
      .put("mmu_notifier_mm", "mmu_notifier_register(): mm_has_notifiers(mm) from now on")
      .put("hlist_del_init_rcu", "mmu_notifier_unregister()/release: take a notifier off the list")
      .put("synchronize_srcu", "synchronize_srcu(): wait for every SRCU reader to leave")
      .build();

  /** The 2015 active-range list ("mmu_notifier: keep track of active invalidation ranges"). */
  public static final ImmutableMap<String, String> ACTIVE_RANGES = ImmutableMap.<String, String>builder()
      .put("publish_range", "the invalidation's range published before the callbacks run")
      .put("ranges_add", "add the range to mm->mmu_notifier_mm->ranges")
      .put("ranges_del", "remove the range at invalidate_range_end")
      .put("ranges_wake_up", "wake the faults waiting for the range to become valid")
      .put("range_is_valid", "mmu_notifier_range_is_valid(): no active invalidation overlaps")
      .put("range_wait_valid", "mmu_notifier_range_wait_valid(): sleep until no active range overlaps")
      .put("nranges", "read the number of active ranges")
      .put("mm_has_notifiers", "a start publishes its range whenever mm_has_notifiers(mm), also "
          + "after exit's release emptied the notifier list")
      .build();
}
