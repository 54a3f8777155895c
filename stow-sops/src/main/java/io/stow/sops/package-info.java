/**
 * SOPS decryption for stow.
 *
 * <p>The engine and CLI use {@link io.stow.sops.SecretDecryptor}: {@link
 * io.stow.sops.SopsDecryptor} decrypts natively (age X25519 and PGP keys, Shamir key groups, every
 * sops store, MAC verification) from {@link io.stow.sops.SopsKeys}; {@link
 * io.stow.sops.ExternalSopsDecryptor} runs a configured {@code sops} binary for key services.
 * Failures are {@link io.stow.sops.SopsException}s that name the file and never hold a decrypted
 * value or key material. Everything else in the package is internal.
 */
package io.stow.sops;
