/// A note with a table read each way: its things in the rows (`## Methods`), in the columns
/// (`## Services`), and a one-row table about its section (`## Redis`); then a term, which is
/// no table card.
public enum TablesNote {
  /// The note's text.
  public static let text = """
    # Protocols

    ## Methods
    <!-- recall: things are rows -->

    | Method | 의미 | Idempotent |
    | --- | --- | --- |
    | POST | Create | No |
    | GET | Select | Yes |
    | PUT | Update | Yes |

    ## Services
    <!-- recall: things are columns -->

    | 항목 | ECS | EKS | Lambda |
    | --- | --- | --- | --- |
    | 방향성 | 컨테이너 | 쿠버네티스 | 함수 |
    | 과금 | 태스크 | 노드 | 요청 |

    ## Redis

    | Port | License | Written in |
    | --- | --- | --- |
    | 6379 | BSD | C |

    **TCP:** 연결 지향 프로토콜

    """

  /// The text with the term's definition edited (its term and definition cards change).
  public static let editedText = text.replacingOccurrences(of: "연결 지향 프로토콜", with: "연결 지향 전송 프로토콜")
}
