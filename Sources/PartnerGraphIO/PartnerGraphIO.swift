// PartnerGraphIO
