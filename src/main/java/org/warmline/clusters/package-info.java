/**
 * Clusters (多户串联故障, docs/desk.md "Intake"): several households of one building or station reporting the same
 * topic within a short window raise an alert for the dashboard ({@link org.warmline.clusters.ClusterDetector#alerts}),
 * and their cases can be linked under one complex case.
 */
package org.warmline.clusters;
