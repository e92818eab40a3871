/** Apps, releases, deployments, rollouts and live status (deployments arrive with the cluster work). */
@NullMarked
package dev.nonstop.app;

import org.jspecify.annotations.NullMarked;
