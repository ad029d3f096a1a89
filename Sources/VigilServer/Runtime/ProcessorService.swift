import ServiceLifecycle
import VigilPipeline

/// The live processor as a service: runs until graceful shutdown, then drains the queue.
struct ProcessorService: Service {
  let processor: LiveAuditProcessor

  func run() async throws {
    await cancelWhenGracefulShutdown { await processor.run() }
  }
}
