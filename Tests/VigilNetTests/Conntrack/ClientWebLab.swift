import VigilNet
import VigilTesting

/// A lab with a `client` and a `web` pod, and conntrack accounting (and kernel timestamps when
/// asked) on in its node; `remove()` it when done.
struct ClientWebLab {
  let lab: PodNetworkLab
  let client: PodNetworkLab.Pod
  let web: PodNetworkLab.Pod

  /// The node namespace's path.
  var node: String { lab.node.path }

  init(timestamps: Bool) throws {
    lab = try PodNetworkLab(podNames: ["client", "web"])
    guard let client = lab.pod("client"), let web = lab.pod("web") else {
      lab.remove()
      throw LabError.missingPod
    }
    self.client = client
    self.web = web
    do {
      try ConntrackAccounting.enable(.accounting, namespacePath: lab.node.path)
      if timestamps { try ConntrackAccounting.enable(.timestamps, namespacePath: lab.node.path) }
    } catch {
      lab.remove()
      throw error
    }
  }

  func remove() { lab.remove() }

  enum LabError: Error { case missingPod }
}
