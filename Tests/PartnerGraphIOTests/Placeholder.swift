import Testing

@Test func placeholderPartnerGraphIOTests() { #expect(Bool(true)) }
