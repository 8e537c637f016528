-- Evidence of the children in care measures: the union of their evidence models (B8 care
-- proceedings, B9 and B10 placement stability, B11-B14 care leavers, operational counts).
-- Definitions: seed indicator_definitions__children_in_care; as implemented:
-- docs/indicators_children_in_care.md.

{{ union_evidence([
    'int_evidence__b8', 'int_evidence__b9', 'int_evidence__b10', 'int_evidence__b_care_leavers',
    'int_evidence__cla_operational', 'int_evidence__cla_reviews', 'int_evidence__adoption',
    'int_evidence__in_house_provision',
]) }}
