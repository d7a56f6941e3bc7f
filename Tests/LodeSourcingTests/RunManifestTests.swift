import Foundation
import Testing

@testable import LodeSourcing

@Suite("Run manifests")
struct RunManifestTests {
    @Test(
        "SHA-256 matches the FIPS 180-4 examples and a digest from sha256sum",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            // 56 bytes: the padding needs a second block.
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func knownDigests(text: String, digest: String) {
        #expect(SHA256.hex(Data(text.utf8)) == digest)
    }

    @Test("SHA-256 of a long message (1,280 bytes, 21 blocks)")
    func longMessage() {
        let bytes = Data((0..<5).flatMap { _ in (0...255).map(UInt8.init) })
        #expect(SHA256.hex(bytes) == "d414b085826eb06778483ba35564dc849e643359f69ed9747878ba6e54985bed")
    }
}
