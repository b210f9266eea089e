# govnet's stored records (schema 3; keys and derived data: storage/src/format.h). Rules: add
# fields at the end with the next number; never renumber, retype or remove a field; enums only
# grow. A change that readers of the current schema cannot read bumps Store::kSchemaVersion
# (storage/include/govnet/store.h), with its upgrade in storage/src/upgrade.cc.
@0xf54cfbb71f440788;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("govnet::schema");

# Enumerants follow the order of the C++ enums in core/include/govnet/model.h.
enum ActorKind {
  state @0; internationalOrg @1; euInstitution @2; euAgency @3; regionalProcess @4; ngo @5;
  private @6; subnational @7; other @8;
}
enum InstrumentKind {
  agreement @0; mobilityPartnership @1; readmissionAgreement @2; declaration @3; policy @4;
  dialogue @5; forum @6; regionalProcess @7; fundingProgramme @8; project @9; other @10;
}
enum Status {
  unknown @0; proposed @1; negotiating @2; signed @3; inForce @4; stalled @5; refused @6;
  suspended @7; ended @8;
}
enum Family {
  agreement @0; funding @1; dialogue @2; membership @3; assistance @4; cooperation @5; other @6;
}

struct Date {
  year @0 :Int16;
  month @1 :UInt8;      # 0 when only the year is known
  day @2 :UInt8;        # 0 unless the day is known
  precision @3 :UInt8;  # 0 = no date, 1 = year, 2 = month, 3 = day
}

struct Period {
  start @0 :Date;
  end @1 :Date;
}

struct Evidence {
  source @0 :Text;
  locator @1 :Text;
  quote @2 :Text;
  url @3 :Text;
  accessed @4 :Text;
}

struct Attribute {
  name @0 :Text;
  value @1 :Text;
}

# A value during a period: a dynamic attribute.
struct DatedAttribute {
  name @0 :Text;
  value @1 :Text;
  period @2 :Period;
}

# A tie's weight during a period.
struct DatedWeight {
  period @0 :Period;
  value @1 :Float64;
}

struct Actor {
  key @0 :Text;
  name @1 :Text;
  kind @2 :ActorKind;
  aliases @3 :List(Text);
  iso3 @4 :Text;
  parent @5 :Text;
  attributes @6 :List(Attribute);
  evidence @7 :List(Evidence);
  dataset @8 :UInt32;
  spells @9 :List(Period);                      # in start order; empty: undated
  datedAttributes @10 :List(DatedAttribute);
}

struct Instrument {
  key @0 :Text;
  name @1 :Text;
  kind @2 :InstrumentKind;
  period @3 :Period;   # the hull of the spells (the only spell when there is one)
  status @4 :Status;
  attributes @5 :List(Attribute);
  evidence @6 :List(Evidence);
  dataset @7 :UInt32;
  spells @8 :List(Period);   # written only when there are two spells or more
  datedAttributes @9 :List(DatedAttribute);
}

struct Tie {
  id @0 :UInt64;
  label @1 :Text;
  from @2 :Text;
  to @3 :Text;
  toInstrument @4 :Bool;
  family @5 :Family;
  role @6 :Text;
  directed @7 :Bool;
  hasWeight @8 :Bool;
  weight @9 :Float64;
  hasAmount @10 :Bool;
  amount @11 :Float64;
  currency @12 :Text;
  period @13 :Period;   # the hull of the spells (the only spell when there is one)
  status @14 :Status;
  attributes @15 :List(Attribute);
  evidence @16 :List(Evidence);
  dataset @17 :UInt32;
  spells @18 :List(Period);   # written only when there are two spells or more
  datedAttributes @19 :List(DatedAttribute);
  datedWeights @20 :List(DatedWeight);
}

struct Dataset {
  id @0 :UInt32;
  name @1 :Text;
  files @2 :List(Text);
  contentHash @3 :Text;
  loadedAt @4 :Int64;     # seconds since the Unix epoch
  actors @5 :UInt64;
  instruments @6 :UInt64;
  ties @7 :UInt64;
  evidence @8 :UInt64;
}

# Saved node positions of a view, by record key so they survive re-imports.
struct SavedLayout {
  name @0 :Text;
  keys @1 :List(Text);
  instruments @2 :List(Bool);  # whether each key names an instrument
  x @3 :List(Float32);
  y @4 :List(Float32);
  pinned @5 :List(Bool);
  savedAt @6 :Int64;
}

# A saved partition of a view's vertices into communities, by record key so it survives
# re-imports; how it was found is kept beside it.
struct SavedPartition {
  name @0 :Text;
  method @1 :Text;        # "louvain", "leiden"
  resolution @2 :Float64;
  seed @3 :UInt64;
  view @4 :Text;          # the view it was found on, as `govnet` describes it
  modularity @5 :Float64;
  keys @6 :List(Text);
  instruments @7 :List(Bool);  # whether each key names an instrument
  community @8 :List(UInt32);
  savedAt @9 :Int64;
}
