/**
 * Renderings of engine values that are safe to show: the descriptor with env values redacted, and
 * the plan and report as JSON documents (records, written by Jackson with snake_case names).
 */
package io.stow.engine.render;
