// PartnerGraph
