import Testing

@Test func placeholderPartnerGraphTests() { #expect(Bool(true)) }
