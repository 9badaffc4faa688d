// Shapes of what the command center sends (camelCase; instants as ISO strings in JSON and MessagePack alike).
// Every record is generated from its C# declaration into generated/wire.generated.ts (regenerate with
// `bash scripts/regenerate-wire.sh`; the test suite fails while it is stale). Only what no C# record declares is
// written here: the grids' GeoJSON properties (written field by field by GridGeoJson.cs).

export type {
  ActionFieldView,
  ActionOffer,
  CategoryView,
  ChainLink,
  Created,
  CenterClient,
  CenterHubMethods,
  DeadlineView,
  FeedBatch,
  FeedSnapshot,
  IncidentDelta,
  IncidentList,
  IncidentSummaryView,
  IncidentView,
  InspectionCaseView,
  InspectionGridView,
  InspectionResultView,
  InspectionRun,
  InspectionStepView,
  InspectionSummaryView,
  InspectionTaskView,
  LinkView,
  LocateAnswer,
  LocationView,
  MemberView,
  NearbyAnswer,
  NoticeView,
  PatrolDayView,
  PatrolRangeView,
  PlaceView,
  PositionUpdate,
  PublicInspectionFeed,
  PublicInspectionResult,
  PublicTownInspections,
  ReturnVisitQueue,
  ReturnVisitView,
  ScopeCounters,
  SlaAlert,
  SubTaskView,
  TimelineEntry,
  TrackView,
  WorkerNotice,
} from './generated/wire.generated';

/** The properties of a grid feature in GET /api/grids (src/CommandCenter/Grids/GridGeoJson.cs). */
export interface GridProperties {
  id: string;
  parentId: string | null;
  level: number;
  name: string;
}
