/**
 * nouveau's SVM mirror ({@code drivers/gpu/drm/nouveau/nouveau_svm.c}) as a driver of the public
 * driver API: the replayable-fault handler's {@code nouveau_range_fault} loop under
 * {@code svmm->mutex}, the interval notifier's {@code nouveau_svm_range_invalidate} and the classic
 * notifier's {@code nouveau_svmm_invalidate_range_start} (PFNCLR). docs/nouveau-model.md lists what
 * the model abstracts.
 */
package dev.mirrorcheck.nouveau;
