{#- SSDA903 collection years combined, as the contract says: for each key of an
    authority the rows of the latest collection year that has it win. Rows with no usable
    key (blank, or a key date that cannot be read) are all kept, never silently dropped;
    duplicates within one year are kept too (the quality check "keys unique" reports them).
    `keys`: the key expressions after la_code, e.g. ['"CHILD"', parse_date('"REVIEW"')].
    (Episodes have a rule of their own: ssda903_episode_years below.) -#}
{% macro latest_collection_year(relation, keys) -%}
    select *
    from {{ relation }}
    qualify
        {%- for key in keys %}
        nullif({{ key }}::varchar, '') is null or
        {%- endfor %}
        collection_year = max(collection_year) over (
            partition by la_code{% for key in keys %}, {{ key }}{% endfor %}
        )
{%- endmacro %}

{#- SSDA903 episodes: every raw row of every collection year with what combining the years
    does to it (the one statement of the rule; stg_ssda903__episodes keeps the rows it keeps,
    int_ssda903_episode_years reports the rows it drops or closes). An episode is
    (la_code, CHILD, DECOM):
      is_keyed              CHILD given and DECOM readable: the row can be matched across years
                            (a row without is kept as it is, and the checks report it)
      latest_version_year   the latest collection year whose file has the episode
      is_superseded         a later year's file has the episode: that version wins and this
                            row is dropped (int_ssda903_episode_years reports the rows whose
                            DEC, REC or codes the later version changed)
      is_left_open          the row is the episode's latest version, its year is not the
                            authority's latest, and the file shows it open (DEC blank): no
                            later return has it. It is kept, looked after to the end of that
                            collection year (31 March) and not after:
      left_open_end_date    1 April of the collection year, as a DEC (an episode ending on a
                            day has ended by it: looked after on 31 March, not on 1 April);
                            DECOM if that is later (an episode the file dates after its own
                            year then covers no day) -#}
{% macro ssda903_episode_years(relation) -%}
    select
        *,
        coalesce(collection_year < latest_version_year, false) as is_superseded,
        coalesce(
            collection_year = latest_version_year
            and collection_year < authority_latest_year
            and nullif("DEC", '') is null,
            false
        ) as is_left_open,
        greatest(make_date(collection_year, 4, 1), {{ parse_date('"DECOM"') }}) as left_open_end_date
    from (
        select
            *,
            nullif("CHILD", '') is not null and {{ parse_date('"DECOM"') }} is not null as is_keyed,
            case when nullif("CHILD", '') is not null and {{ parse_date('"DECOM"') }} is not null then
                max(collection_year) over (partition by la_code, "CHILD", {{ parse_date('"DECOM"') }})
            end as latest_version_year,
            max(collection_year) over (partition by la_code) as authority_latest_year
        from {{ relation }}
    )
{%- endmacro %}
