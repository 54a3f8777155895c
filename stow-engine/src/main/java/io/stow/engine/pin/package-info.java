/** {@code stow pin}: pins the images of a Compose deployment to their registry digests. */
package io.stow.engine.pin;
