{#- An amount of money divided by a whole number, rounded to the penny (half away from
    zero) in exact decimal arithmetic: DuckDB divides a DECIMAL in binary floating point,
    so `round(amount / 7, 2)` is not exact. `amount`: a DECIMAL with at most 4 decimal
    places (as staged, or a sum or product of such); `divisor`: a positive whole number.
    Returns DECIMAL(38, 2). -#}
{% macro divide_to_pence(amount, divisor) -%}
    (sign({{ amount }}) * ((abs({{ amount }}) * 10000)::hugeint + 50 * ({{ divisor }})) // (100 * ({{ divisor }})))::decimal(38, 0) * 0.01
{%- endmacro %}
