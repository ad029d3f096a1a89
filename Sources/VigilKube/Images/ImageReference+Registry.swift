/// Registry classification of a reference.
extension ImageReference {
  /// The class of this image's registry under the standard classifier.
  public var registryClass: RegistryClass { RegistryClassifier.standard.classify(registry) }
}
