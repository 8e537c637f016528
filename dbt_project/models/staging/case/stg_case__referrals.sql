with

source as (

    select * from {{ source('raw_case', 'referrals') }}

),

renamed as (

    select
        la_code,
        referral_id,
        child_id,
        {{ parse_date('referral_date') }} as referral_date,
        {{ parse_code('referral_source') }} as referral_source,
        {{ listed_code(parse_code('primary_need_code'), 'cin_need') }} as primary_need_code,
        {{ parse_flag('referral_nfa') }} as is_referral_nfa,
        {{ parse_date('closure_date') }} as closure_date,
        {{ parse_code('closure_reason') }} as closure_reason,
        _source_file,
        _row_number

    from source

)

select * from renamed
