graph [
  directed 1
  multigraph 1
  node [
    id 0
    label "EU"
    name "European Union"
    kind "international_org"
    members 27
    founded 1993.0
  ]
  node [
    id 1
    label "MDA"
    name "Moldova"
    kind "state"
    iso3 "MDA"
    landlocked 1
  ]
  node [
    id 2
    label "IOM"
    name "International Organization for Migration"
    kind "international_org"
    members 175
  ]
  node [
    id 3
    label "Frontex"
    name "Frontex"
    kind "eu_agency"
    members 0
  ]
  node [
    id 4
    label "MP-MDA"
    name "EU&#8211;Moldova Mobility Partnership"
    type "instrument"
    kind "mobility_partnership"
    status "in_force"
    start "2008-06"
  ]
  edge [
    source 0
    target 4
    key 0
    family "agreement"
    role "party"
    weight 1.0
  ]
  edge [
    source 0
    target 2
    key 0
    family "funding"
    amount 2500000.0
    currency "EUR"
    start "2009"
    weight 2.5
  ]
  edge [
    source 0
    target 2
    key 1
    family "funding"
    amount 1000000.0
    currency "EUR"
    start "2011"
    weight 1.0
  ]
  edge [
    source 1
    target 4
    key 0
    family "agreement"
    role "party"
    weight 1.0
  ]
  edge [
    source 2
    target 2
    key 0
    family "other"
    weight 0.5
  ]
  edge [
    source 3
    target 1
    key 0
    family "cooperation"
    role "training"
    weight 1.0
  ]
]
