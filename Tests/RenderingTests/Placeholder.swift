import Testing

@Test func placeholderRenderingTests() { #expect(Bool(true)) }
