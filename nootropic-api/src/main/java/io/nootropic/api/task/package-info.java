/// Value types of the task graph: ids, statuses and estimates.
package io.nootropic.api.task;
