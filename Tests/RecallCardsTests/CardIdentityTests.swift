import Foundation
import RecallCards
import Testing

/// Cards keep their keys through what authors do to their notes.
struct CardIdentityTests {
  /// The seed with `edit` applied; the edit must change the note.
  func edited(_ edit: (String) -> String) throws -> String {
    let text = edit(SeedNote.text)
    try #require(text != SeedNote.text, "the edit did not change the note")
    return text
  }

  /// Pairs the cards of `before` (stored) with those of `after` (generated), by key text.
  func pairs(_ before: [Card], _ after: [Card]) -> [String: String] {
    var found: [String: String] = [:]
    for pair in CardMatching.pairs(stored: before, generated: after) {
      found[before[pair.stored].key] = after[pair.generated].key
    }
    return found
  }

  @Test func answerEditsKeepKeysAndChangeTheContentHash() throws {
    let before = SeedNote.noteCards.cards
    let after = SeedNote.cards(
      of: try edited {
        $0.replacingOccurrences(of: "<br>- AWS 종속 <br>", with: "<br>- AWS 벤더 종속 <br>")
          .replacingOccurrences(of: "- 원하는 Task 수를 유지", with: "- 원하는 Task 개수를 유지")
      }
    ).cards
    #expect(before.map(\.key) == after.map(\.key))
    let changed = zip(before, after).filter { $0.contentHash != $1.contentHash }.map(\.0.prompt)
    // The ECS cons cell, the two cons choices that show it, its reverse card, and ECS Service.
    #expect(changed.contains("ECS / EKS / Lambda › ECS › 단점?"))
    #expect(changed.contains("ECS › ECS Service?"))
    #expect(changed.count == 5)
    #expect(pairs(before, after).count == before.count)
  }

  @Test func glossaryRewrittenIntoBulletsKeepsItsKeys() throws {
    let before = SeedNote.noteCards.cards
    let after = SeedNote.cards(
      of: try edited {
        $0.replacingOccurrences(of: "**컨트롤플레인:** ", with: "- 컨트롤플레인: ")
          .replacingOccurrences(of: "\n<br>\n**프로비저닝:** ", with: "\n- 프로비저닝: ")
          .replacingOccurrences(of: "\n<br>\n**콜드스타트:** ", with: "\n- 콜드스타트: ")
          .replacingOccurrences(of: "\n<br>\n**하이브리드 배포:** ", with: "\n- 하이브리드 배포: ")
      }
    ).cards
    let termKeys = { (cards: [Card]) in
      cards.filter { $0.kind == .term || $0.kind == .definition }.map(\.key)
    }
    #expect(termKeys(after).count == 8)
    #expect(termKeys(before) == termKeys(after))
    #expect(Set(before.map(\.key)) == Set(after.map(\.key)))
    #expect(pairs(before, after).count == before.count)
  }

  @Test func reorderedRowsColumnsAndSectionsKeepTheirKeys() throws {
    let before = SeedNote.noteCards.cards
    let lines = SeedNote.text.components(separatedBy: "\n")
    // Swap the 장점 and 단점 rows, move the Lambda column first, move IAM after VPC.
    var reordered = lines
    reordered.swapAt(6, 7)
    for index in 2...13 {
      var cells = reordered[index].components(separatedBy: "|")
      // cells: "", first, ECS, EKS, Lambda, ""
      cells = [cells[0], cells[1], cells[4], cells[2], cells[3]] + cells.dropFirst(5)
      reordered[index] = cells.joined(separator: "|")
    }
    let iam = try #require(reordered.firstIndex(of: "### IAM"))
    let moved = Array(reordered[iam...(iam + 1)])
    reordered.removeSubrange(iam...(iam + 1))
    let subnet = try #require(reordered.firstIndex(of: "### Subnet"))
    reordered.insert(contentsOf: moved, at: subnet)
    let after = SeedNote.cards(of: try edited { _ in reordered.joined(separator: "\n") }).cards
    #expect(Set(before.map(\.key)) == Set(after.map(\.key)))
    #expect(after.first?.prompt == "ECS / EKS / Lambda › Lambda › 방향성?")
    #expect(pairs(before, after).count == before.count)
    for (storedKey, generatedKey) in pairs(before, after) { #expect(storedKey == generatedKey) }
  }

  @Test func fixedTyposInHeadingTermAndRowNamesStillMatch() throws {
    // The stored cards come from a note with typos; the author fixes them.
    let typos = try edited {
      $0.replacingOccurrences(of: "### NAT Gateway", with: "### NAT Gatway")
        .replacingOccurrences(of: "**프로비저닝:**", with: "**프로비져닝:**")
        .replacingOccurrences(of: "| **모니터링** |", with: "| **모니터닝** |")
        .replacingOccurrences(of: "| Lambda ", with: "| Lamda ")
    }
    let before = SeedNote.cards(of: typos).cards
    let after = SeedNote.noteCards.cards
    let found = pairs(before, after)
    #expect(found.count == before.count)
    #expect(
      found["AWS › NAT Gatway › section"]
        == "AWS › NAT Gateway › section")
    #expect(
      found["ECS / EKS / Lambda › term › 프로비져닝"]
        == "ECS / EKS / Lambda › term › 프로비저닝")
    #expect(
      found["ECS / EKS / Lambda › table › Lamda › 모니터닝"]
        == "ECS / EKS / Lambda › table › Lambda › 모니터링")
    #expect(
      found["ECS / EKS / Lambda › table › EKS › 모니터닝 › which"]
        == "ECS / EKS / Lambda › table › EKS › 모니터링 › which")
    // Nothing is paired with a card of another meaning.
    for (storedKey, generatedKey) in found {
      let fixed = storedKey.replacingOccurrences(of: "Gatway", with: "Gateway")
        .replacingOccurrences(of: "프로비져닝", with: "프로비저닝")
        .replacingOccurrences(of: "모니터닝", with: "모니터링")
        .replacingOccurrences(of: "Lamda", with: "Lambda")
      #expect(fixed == generatedKey)
    }
  }

  @Test func changedHeadingLevelsStillMatch() throws {
    let before = SeedNote.noteCards.cards
    // `# AWS` becomes `## AWS`, so it and its sections move under `# 통신`;
    // `### IAM` becomes `#### IAM`, still under AWS.
    let after = SeedNote.cards(
      of: try edited {
        $0.replacingOccurrences(of: "\n# AWS\n", with: "\n## AWS\n")
          .replacingOccurrences(of: "\n### IAM\n", with: "\n#### IAM\n")
      }
    ).cards
    #expect(after.contains { $0.key == "통신 › AWS › IAM › section" })
    let found = pairs(before, after)
    #expect(found.count == before.count)
    #expect(
      found["AWS › IAM › section"]
        == "통신 › AWS › IAM › section")
    #expect(
      found["AWS › 보안그룹 › DB용 보안그룹 › label › Outbound"]
        == "통신 › AWS › 보안그룹 › DB용 보안그룹 › label › Outbound")
  }

  @Test func deletedCardsAreNotPairedWithTheirNeighbours() throws {
    let before = SeedNote.noteCards.cards
    // The VPC section and the ECS column go; nothing may take their place.
    var lines = SeedNote.text.components(separatedBy: "\n")
    let vpc = try #require(lines.firstIndex(of: "### VPC"))
    lines.removeSubrange(vpc...(vpc + 2))
    for index in 2...13 {
      var cells = lines[index].components(separatedBy: "|")
      cells.remove(at: 2)
      lines[index] = cells.joined(separator: "|")
    }
    let after = SeedNote.cards(of: try edited { _ in lines.joined(separator: "\n") }).cards
    let found = pairs(before, after)
    for (storedKey, generatedKey) in found { #expect(storedKey == generatedKey) }
    #expect(!found.keys.contains("AWS › VPC › section"))
    #expect(!found.keys.contains { $0.contains("› table › ECS ›") })
    #expect(found.count == after.count)
  }

  @Test func keysNameTheCardWithinItsNoteWithoutTheDeck() {
    for deck in ["ecs-eks-lambda.md", "aws/containers/ecs-eks-lambda.md", "메모/컨테이너.md"] {
      let cards = SeedNote.cards(of: SeedNote.text, deck: deck).cards
      #expect(!cards.isEmpty)
      #expect(cards.allSatisfy { !$0.key.contains(deck) && !$0.siblingGroup.contains(deck) })
      #expect(cards.allSatisfy { $0.key.hasPrefix(($0.context + [""]).joined(separator: " › ")) })
      #expect(Set(cards.map(\.key)).count == cards.count)
    }
    #expect(SeedNote.noteCards.cards.contains { $0.key == "ECS / EKS / Lambda › table › ECS › 방향성" })
  }

  @Test func renamingOrMovingANoteKeepsEveryKeyAndGroup() {
    let before = SeedNote.noteCards.cards
    for deck in ["containers.md", "aws/containers.md", "archive/2025/ecs-eks-lambda.md"] {
      let after = SeedNote.cards(of: SeedNote.text, deck: deck).cards
      #expect(after.map(\.key) == before.map(\.key))
      #expect(after.map(\.siblingGroup) == before.map(\.siblingGroup))
      // The short id still tells notes apart.
      #expect(Set(after.map(\.id)).isDisjoint(with: before.map(\.id)))
    }
  }

  @Test func aRenamedNoteKeepsItsCards() {
    let before = SeedNote.noteCards.cards
    let after = SeedNote.cards(of: SeedNote.text, deck: "aws/containers.md").cards
    let found = CardMatching.pairs(stored: before, generated: after)
    #expect(found.count == before.count)
    #expect(found.allSatisfy { $0.stored == $0.generated })
  }

  @Test func reworkedHeadingsMatchBySameContent() throws {
    let before = SeedNote.noteCards.cards
    let after = SeedNote.cards(
      of: try edited {
        $0.replacingOccurrences(of: "### IGW (Internet Gateway)", with: "### 인터넷 게이트웨이")
      }
    ).cards
    let found = pairs(before, after)
    #expect(
      found["AWS › IGW (Internet Gateway) › section"]
        == "AWS › 인터넷 게이트웨이 › section")
  }
}
