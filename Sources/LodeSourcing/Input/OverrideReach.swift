/// Which policies a `--set` override changes: a path under `policies.NAME` changes NAME and every
/// policy that extends NAME (directly or through others), so a command can warn when the policy
/// it solves is not among them (the change would do nothing).
extension LoadedModel {
    /// The policies `override` changes, in file order; nil when its path is not under `policies`.
    public func policiesChanged(by override: Override) -> [String]? {
        let segments = override.segments
        guard segments.count >= 2, segments[0] == "policies" else { return nil }
        let touched = segments[1]
        var parent: [String: String] = [:]
        for entry in tree["policies"]?.entries ?? [] {
            if let extends = entry.value["extends"]?.scalar { parent[entry.key] = extends }
        }
        return model.allPolicyIDs.filter { id in
            var current: String? = id
            var seen: Set<String> = []
            while let name = current, seen.insert(name).inserted {
                if name == touched { return true }
                current = parent[name]
            }
            return false
        }
    }
}
