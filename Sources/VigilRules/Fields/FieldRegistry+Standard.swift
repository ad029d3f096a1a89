extension FieldRegistry {
  /// Every field Vigil's rules can read: Falco's k8saudit `ka.*` and `jevt.*`, and Vigil's
  /// normalized `k8s.*` and `user.*` fields that work for every audit shape.
  public static let standard = FieldRegistry(
    KAFields.all + JEVTFields.all + K8sFields.all + UserFields.all)
}
