// A run manifest read back from a file (`lode merge` checks shards against each other) and built
// from its parts (the merged sweep's manifest).

extension RunManifest: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            command: try container.decode(String.self, forKey: .command),
            model: try container.decode(String.self, forKey: .model),
            modelSHA256: try container.decode(String.self, forKey: .modelSHA256),
            lodeVersion: try container.decode(String.self, forKey: .lodeVersion),
            glpkVersion: try container.decode(String.self, forKey: .glpkVersion),
            options: try container.decode([String: String].self, forKey: .options),
            points: try container.decode(Int.self, forKey: .points))
    }

    /// A manifest from its fields, as another run wrote them.
    public init(
        command: String, model: String, modelSHA256: String, lodeVersion: String, glpkVersion: String,
        options: [String: String], points: Int
    ) {
        self.command = command
        self.model = model
        self.modelSHA256 = modelSHA256
        self.lodeVersion = lodeVersion
        self.glpkVersion = glpkVersion
        self.options = options
        self.points = points
    }
}
