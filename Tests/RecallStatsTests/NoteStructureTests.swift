import Foundation
import Testing

@testable import RecallStats

/// Reading the table and the compared thing from a card's key, as the card generator writes it.
struct NoteStructureTests {
  @Test func tableCellAndReverseCardNameTheirThing() throws {
    let cell = NoteStructure.tableThing(
      key: "ECS / EKS / Lambda › table › Lambda › 단점", kind: "tableCell",
      context: ["ECS / EKS / Lambda"])
    #expect(cell?.table == "table")
    #expect(cell?.thing == "Lambda")
    let reverse = NoteStructure.tableThing(
      key: "ECS / EKS / Lambda › table 2 › EKS › 장점 › which #2", kind: "tableThing",
      context: ["ECS / EKS / Lambda"])
    #expect(reverse?.table == "table 2")
    #expect(reverse?.thing == "EKS")
  }

  @Test func singleRecordTableIsItsSection() {
    let cell = NoteStructure.tableThing(
      key: "DNS › Route53 › table › TTL", kind: "tableCell", context: ["DNS", "Route53"])
    #expect(cell?.table == "table")
    #expect(cell?.thing == "Route53")
  }

  @Test func otherCardsHaveNoThing() {
    #expect(NoteStructure.tableThing(key: "용어 › table", kind: "term", context: ["용어"]) == nil)
    #expect(NoteStructure.tableThing(key: "용어 › 콜드스타트", kind: "tableCell", context: []) == nil)
    #expect(NoteStructure.isTableAnchor(ArraySlice("table 12".utf8)))
    #expect(!NoteStructure.isTableAnchor(ArraySlice("tables".utf8)))
    #expect(!NoteStructure.isTableAnchor(ArraySlice("table x".utf8)))
  }

  @Test func studyDayDatesRoundTrip() {
    for day in [-1, 0, 1, 20_417, 20_782, 365 * 400] {
      let text = StudyDays.dateText(day)
      #expect(StudyDaysText.dayNumber(text) == day)
    }
    #expect(StudyDays.dateText(20_782) == "2026-11-25")
    #expect(StudyDays.weekday(20_782) == 2)  // a Wednesday
  }
}
