import VigilKube

extension ClusterSnapshot {
  /// The snapshot's NetworkPolicies over `inventory`'s namespaces; unreadable ones are listed in
  /// the model's `skipped`.
  public func networkPolicies(inventory: Inventory) -> NetworkPolicyModel {
    var model = NetworkPolicyModel(inventory: inventory)
    for object in objects where NetworkPolicyModel.kinds.contains(object.kind) {
      _ = try? model.apply(json: String(decoding: object.json, as: UTF8.self))
    }
    return model
  }
}
