import Testing

@Test func placeholderPartnerAnalysisTests() { #expect(Bool(true)) }
