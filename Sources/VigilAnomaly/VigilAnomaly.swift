// VigilAnomaly: streaming anomaly models that know nothing of Kubernetes (Half-Space Trees,
// MIDAS / MIDAS-R, count-min sketches), the ROC-AUC used to check them against their papers,
// and readers for the published datasets in ../shared/anchors/anomaly.
