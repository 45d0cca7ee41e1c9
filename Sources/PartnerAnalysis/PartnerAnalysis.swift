// PartnerAnalysis
