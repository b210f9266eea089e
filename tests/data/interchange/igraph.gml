Creator "igraph"
Version 1
graph
[
  directed 0
  node
  [
    id 0
    name "Rabat Process"
  ]
  node
  [
    id 1
    name "Senegal"
  ]
  node
  [
    id 2
    name "Mali"
  ]
  node
  [
    id 3
    name "Côte d'Ivoire"
  ]
  edge
  [
    source 1
    target 0
    weight 1
  ]
  edge
  [
    source 2
    target 1
    weight 2
  ]
  edge
  [
    source 2
    target 0
    weight 3.5
  ]
  edge
  [
    source 3
    target 2
    weight 1
  ]
]
