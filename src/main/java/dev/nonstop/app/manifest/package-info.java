/**
 * Pure builders from an app's desired state to its Kubernetes objects, one class per kind. Together
 * they meet the redundancy contract of DESIGN.md; {@code AppManifestsTest} checks each point.
 */
@NullMarked
package dev.nonstop.app.manifest;

import org.jspecify.annotations.NullMarked;
