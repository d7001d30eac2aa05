/**
 * The bug catalogue (docs/mutations.md): every mutation of the correct protocol as a named switch.
 *
 * <p>The mirror takes a {@link dev.mirrorcheck.mutation.Mutations} set at construction; each switch
 * point in the model is one {@code if (mut.has(Mutation.Mx))} with a one-line comment naming the fix it
 * undoes.
 */
package dev.mirrorcheck.mutation;
