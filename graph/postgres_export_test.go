package graph

// PGApply is the postgres backend's Backend.Apply, for the tests of
// graph_test to call with changes ReplaceDocument never makes.
var PGApply = applyPostgres
