/// The notes of the labelled card-quality suite and what a careful learner expects of each,
/// written by reading the note in `../shared/corpus`.
enum CardQualityNotes {
  static let gyoogle = "gyoogle__tech-interview-for-developer/"

  static let all: [NoteExpectation] = [
    NoteExpectation(
      gyoogle + "Web/Logging Level.md",
      [
        .card("Logging Level › ERROR?", "즉시 문제를 조사"),
        .card("Logging Level › WARN?", "프로세스는 계속 진행"),
        .card("명확한 문제?", "현재 데이터를 사용 불가"),
        .card("잠재적 문제?", "개발 모드로 프로그램 시작"),
        .card("Logging Level › INFO?", "비즈니스 프로세스가 시작될 때"),
        .card("Logging Level › DEBUG?", "기록할 가치가 있는 정보"),
        .card("Logging Level?", "log4j"),
        .absent("jangiloh.tistory"),
        .absent("참고사항"),
        .absent("<br>"),
      ]),
    NoteExpectation(
      gyoogle + "Web/Cookie & Session.md",
      [
        .orientation("Cookie & Session", .thingsInColumns),
        .table(thing: "Cookie", attribute: "저장위치", value: "Client"),
        .table(thing: "Session", attribute: "저장위치", value: "Server"),
        .table(thing: "Cookie", attribute: "저장형식", value: "Text"),
        .table(thing: "Session", attribute: "저장형식", value: "Object"),
        .table(thing: "Session", attribute: "용량제한", value: "제한없음"),
        .table(thing: "Cookie", attribute: "용량제한", value: "4KB"),
        .table(thing: "Cookie", attribute: "리소스", value: "클라이언트의 리소스"),
        .card("저장 위치 › 쿠키?", "하드디스크"),
        .card("저장 위치 › 세션?", "서버의 메모리"),
        .card("만료 시점 › 세션?", "로그아웃"),
        .card("리소스 › 쿠키?", "서버 자원 사용하지 않음"),
        .absent("<br />"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Database/[DB] Key.md",
      [
        .card("Key?", "검색, 정렬시 Tuple을 구분"),
        .absent("Key란"),
        .card("Candidate Key (후보키)?", "유일하게 식별"),
        .card("유일성?", "유일하게 식별할 수 있음"),
        .card("최소성?", "꼭 필요한 속성"),
        .card("Primary Key (기본키)?", "후보키 중 선택한 Main Key"),
        .card("Primary Key (기본키)?", "Null 값을 가질 수 없음"),
        .card("Alternate Key (대체키)?", "기본키를 제외한 나머지"),
        .card("Super Key (슈퍼키)?", "최소성은 만족하지 못하는"),
        .card("Foreign Key (외래키)?", "기본키를 그대로 참조"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Database/Redis.md",
      [
        .card("Redis?", "인 메모리 키 값"),
        .card("snapshot?", "디스크에 백업"),
        .card("AOF(Append Only File)?", "재실행"),
        .set("value 5가지"),
        .card("value 5가지?", "sorted set"),
        .card("RAM은 휘발성 아닌가요?", "백업 과정"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Network/DNS.md",
      [
        .sequence("도메인 주소가 IP로 변환되는 과정"),
        .card("도메인 주소가 IP로 변환되는 과정 › 첫 단계는?", "hosts 파일"),
        .card("‘DNS는 캐시를 확인 합니다’ 다음 단계는?", "Root DNS에 요청"),
        .card("단계를 순서대로", "Authoritative DNS"),
        .card("DNS (Domain Name Server)?", "IP 주소와 도메인 주소를 매핑"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Network/TCP 3 way handshake & 4 way handshake.md",
      [
        .sequence("3 way handshake - 연결 성립"),
        .sequence("4 way handshake - 연결 해제"),
        .card("3 way handshake - 연결 성립 › 첫 단계는?", "SYN 패킷을 보냄"),
        .card("4 way handshake - 연결 해제 › 첫 단계는?", "FIN 플래그"),
        .card("[TCP] 3 way handshake & 4 way handshake?", "연결을 성립하고 해제하는 과정"),
        .absent("geeksforgeeks"),
        .absent("참고 자료"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Operating System/Race Condition.md",
      [
        .card("[OS] Race Condition?", "여러 프로세스가 동시에 접근"),
        .set("Race Condition이 발생하는 경우"),
        .card("커널 작업을 수행하는 중에 인터럽트 발생 › 해결법?", "인터럽트를 disable"),
        .card("커널 작업을 수행하는 중에 인터럽트 발생 › 문제점?", "같은 데이터를 조작"),
        .card("커널 데이터에 접근할 때 › 해결법?", "lock/unlock"),
      ]),
    NoteExpectation(
      gyoogle + "Language/[java] String StringBuilder StringBuffer 차이.md",
      [
        .orientation("String, StringBuffer, StringBuilder", .thingsInColumns),
        .table(thing: "String", attribute: "변경", value: "Immutable"),
        .table(thing: "StringBuffer", attribute: "변경", value: "Mutable"),
        .table(thing: "StringBuffer", attribute: "동기화", value: "Thread-safe"),
        .table(thing: "StringBuilder", attribute: "동기화", value: "불가능"),
        .card("1. String 특징?", "Garbage Collector"),
        .card("차이점?", "Thread-Safe"),
        .card("공통점?", "크기를 변경"),
      ]),
    NoteExpectation(
      gyoogle + "Design Pattern/SOLID.md",
      [
        .set("Design Smells"),
        .card("design smell?", "나쁜 디자인을 나타내는 증상"),
        .card("Design Smells?", "Rigidity"),
        .card("Single Responsibility Principle(SRP)?", "하나의 이유로 수정"),
        .card("Open Closed Principle(OCP)?", "확장에는 열려있고"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Data Structure/Hash.md",
      [
        .card("그래도 해시 테이블을 쓰는 이유는?", "적은 자원으로"),
        .card("충돌 문제 해결 › 체이닝?", "연결리스트"),
        .card("Open Addressing?", "다른 주소에 데이터를 저장"),
        .card("선형 탐사?", "고정 폭"),
        .card("제곱 탐사?", "제곱수"),
        .card("해시(Hash)?", "고정된 길이의 데이터로 매핑"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Database/[DB] Anomaly.md",
      [
        .set("[DB] Anomaly"),
        .card("[DB] Anomaly?", "잘못된 테이블 설계"),
        .card("삽입 이상 (Insertion Anomaly)?", "불필요한 데이터를 추가"),
        .card("갱신 이상 (Update Anomaly)?", "데이터가 불일치"),
        .card("삭제 이상 (Deletion Anomaly)?", "꼭 필요한 데이터까지 함께 삭제"),
      ]),
    NoteExpectation(
      gyoogle + "Web/UI와 UX.md",
      [
        .card("UI?", "User Interface"),
        .card("UI?", "디자인, 레이아웃"),
        .card("UX?", "User eXperience"),
        .card("UX?", "경험을 분석"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Operating System/Process Address Space.md",
      [
        .card("코드 Segment?", "프로그램 소스 코드"),
        .card("데이터 Segment?", "전역 변수"),
        .card("스택 Segment?", "지역 변수"),
        .card("왜 이렇게 구역을 나눈건가요?", "메모리 사용량을 줄여야"),
        .card("프로세스의 주소 공간?", "코드, 데이터, 스택"),
        .absent("daumcdn"),
      ]),
    NoteExpectation(
      gyoogle + "Language/[java] Record.md",
      [
        .card("[Java] Record?", "Java 14"),
        .absent("daumcdn"),
        .absent("public class Person"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Software Engineering/써드파티(3rd party)란.md",
      [
        .card("3rd party?", "하드웨어 생산자와 소프트웨어 개발자의 관계"),
        .card("___는, 프로그래밍을 도와주는 라이브러리를 만드는 외부 생산자", "서드파티"),
        .card("개발자 측면으로 보면?", "퍼스트 파티 개발자"),
        .absent("wikipedia"),
        .absent("참고 사항"),
      ]),
    NoteExpectation(
      gyoogle + "Web/PWA (Progressive Web App).md",
      [
        .card("PWA (Progressive Web App)?", "웹의 장점과 앱의 장점을 결합"),
        .card("서비스 작업자(Service Worker) API?", "캐싱"),
        .card("PWA 제공 기능 › 프로그래시브?", "점진적 개선"),
        .card("PWA 제공 기능 › 반응형?", "모든 폼 factor"),
        .card("PWA 제공 기능 › 연결 독립적?", "오프라인"),
        .card("PWA 제공 기능 › 안전?", "HTTPS"),
        .card("특징?", "웹 주소만 있다면"),
      ]),
    NoteExpectation(
      gyoogle + "Web/OAuth.md",
      [
        .card("OAuth?", "Open Authorization"),
        .card("사용 용어 › 사용자?", "계정을 가지고 있는 개인"),
        .card("사용 용어 › 소비자?", "서비스 제공자에게 접근하는"),
        .card("사용 용어 › 요청 토큰?", "접근권한을 인증받기"),
        .card("이 설명에 맞는 용어는? 계정을 가지고 있는 개인", "사용자"),
        .sequence("인증 과정"),
        .card("인증 과정 › 첫 단계는?", "요청토큰을 요청한다"),
        .card("‘소비자가 접근토큰을 요청한다.’ 다음 단계는?", "접근토큰을 발급한다"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Network/[Network] Blocking Non-Blocking IO.md",
      [
        .set("Blocking I/O & Non-Blocking I/O"),
        .card("Blocking I/O?", "대기"),
        .card("Non-Blocking I/O?", "작업을 중단하지 않음"),
        .card("진행 순서 › 첫 단계는?", "recvfrom 함수 호출"),
        .card("진행 순서 › ‘Blocking 방식과 달리, User Process는 다른 작업을 진행할 수 있음.’ 다음 단계는?", "Buffer로부터 데이터를 복사"),
      ]),
    NoteExpectation(
      gyoogle + "Web/Vue.js와 React의 차이.md",
      [
        .card("개발 CLI › Vue.js?", "vue-cli"),
        .card("개발 CLI › React?", "create-react-app"),
        .card("CSS 파일 존재 유무 › Vue.js?", "컴포넌트 파일 안에서"),
        .card("데이터 변이 › React?", "state 객체"),
        .absent("medium.com"),
        .absent("vuejs.org"),
        .absent("this.setState"),
      ]),
    NoteExpectation(
      gyoogle + "ETC/임베디드 시스템.md",
      [
        .card("임베디드 시스템?", "특정한 목적을 수행하도록 만든 컴퓨터"),
        .card("임베디드 시스템의 특징?", "실시간 처리"),
        .card("임베디드 하드웨어의 구성요소?", "Flash Memory"),
        .card("임베디드 소프트웨어 분류 › 시스템 소프트웨어?", "시스템 전체 운영"),
        .card("임베디드 소프트웨어 분류 › 응용 소프트웨어?", "특수 용도"),
        .card("펌웨어 기반 소프트웨어?", "운영체제없이"),
        .absent("myeonguni"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Computer Architecture/명령어 Cycle.md",
      [
        .card("명령어 Cycle › PC?", "다음 실행할 명령어의 주소"),
        .card("명령어 Cycle › MAR?", "기억장소의 주소"),
        .card("명령어 Cycle › IR?", "현재 수행 중인 명령어"),
        .card("명령어 Cycle › ALU?", "산술연산과 논리연산 수행"),
        .sequence("Fetch Cycle"),
        .card("Fetch Cycle › 첫 단계는?", "PC에 있는 명령어 주소를 MAR로"),
      ]),
    NoteExpectation(
      "open-guides__og-aws/CONTRIBUTING.md",
      [
        .card("Please Help › Discussion?", "join the Slack channel"),
        .card("Please Help › Focused pull requests?", "typos"),
        .card("Writing Style › Be brief?", "Avoid long expository paragraphs"),
        .card("Writing Style › Clarity?", "clarity is most important"),
        .set("Pull Request Review"),
        .card("Pull Request Review?", "Are relevant docs linked"),
        .card("Roles › Project leads?", "Own overall quality"),
        .absent("img.shields.io"),
        .absent("Slack Chat"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/Tip/README.md",
      [
        .card("면접 단골 질문들?", "본인의 장단점"),
        .card("프로젝트를 진행하면서...?", "팀원과의 불화"),
        .absent("</br>"),
      ]),
    NoteExpectation(
      "donnemartin__system-design-primer/solutions/system_design/pastebin/README.md",
      [
        .card("Step 1: Outline use cases and constraints?", "Gather requirements"),
        .card("We'll scope the problem to handle only the following use cases?", "randomly generated link"),
        .card("Out of scope?", "User can set visibility"),
        .card("State assumptions?", "10 million users"),
        .card("Calculate usage › Size per paste?", "1 KB content per paste"),
        .card("Calculate usage?", "12.7 GB of new paste content per month"),
        .absent("Which term is this? Size per paste"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/MachineLearning/README.md",
      [
        .card("Cost Function", "오차를 계산하는 함수"),
        .absent("1 › Y?"),
      ]),
    NoteExpectation(
      gyoogle + "Algorithm/Binary Search.md",
      [
        .card("이분 탐색(Binary Search)?", "두 부분으로 분할"),
        .card("진행 순서?", "우선 정렬을 해야 함"),
        .card("진행 순서?", "left > right가 될 때까지"),
        .absent("public static int solution"),
      ]),
    NoteExpectation(
      gyoogle + "Design Pattern/Template Method Pattern.md",
      [
        .card("[디자인 패턴] Template Method Pattern?", "로직을 단계 별로 나눠야"),
        .card("조건?", "final 키워드"),
        .card("단계를 순서대로 놓으세요.", "반죽\n토핑\n굽기"),
        .card("‘반죽’ 다음 단계는?", "토핑"),
        .absent("abstract class Pizza"),
      ]),
    NoteExpectation(
      gyoogle + "Language/[C++] 가상 함수(virtual function).md",
      [
        .card("가상 함수(virtual function)?", "재정의(오버라이딩)할 것으로 기대하는 멤버 함수"),
        .card("선언 규칙?", "static일 수 없다"),
        .absent("cout <<"),
      ]),
    NoteExpectation(
      gyoogle + "Web/React/React Hook.md",
      [
        .set("React Hook"),
        .card("React Hook?", "코드가 복잡해짐"),
        .card("Hook?", "State와 Lifecycle 기능을 연동"),
        .card("useState?", "상태관리"),
        .card("useEffect?", "렌더링 될 때마다 특정 작업"),
        .absent("console.log"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Data Structure/Array.md",
      [
        .set("배열 (Array)"),
        .absent("daumcdn"),
        .absent("leftRotatebyOne"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/Network/README.md",
      [
        .absent("Part 1-3 Network?"),
        .card("GET?", "Header 부분에 url"),
        .card("POST?", "Body 부분에 데이터가 담겨서"),
        .absent("asfirstalways"),
        .absent("d2.naver.com"),
        .absent("tech.ssut.me"),
        .absent("뒤로"),
        .card("UDP?", "비연결형 프로토콜"),
        .card("TCP?", "신뢰성"),
        .card("HTTP 의 문제점?", "도청이 가능하다"),
        .card("HTTP 의 문제점?", "변조가 가능하다"),
        .set("통신 상대를 확인하지 않기 때문에 위장이 가능하다."),
        .set("보완 방법"),
        .card("HTTPS?", "SSL 의 껍질을 덮어쓴 HTTP"),
        .card("모든 웹 페이지에서 HTTPS를 사용해도 될까?", "리소스를 더 많이 요구"),
        .set("DNS Round Robin 방식의 문제점"),
        .card("DNS Round Robin 방식의 문제점", "공인 IP 주소가 필요"),
        .card("Weighted round robin (WRR)?", "가중치"),
        .card("Least connection?", "접속 클라이언트 수가 가장 적은 서버"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/Database/README.md",
      [
        .set("데이터베이스의 특징"),
        .card("데이터의 독립성 › 물리적 독립성?", "데이터 파일을 늘리거나"),
        .card("데이터의 무결성?", "유효성 검사"),
        .card("데이터의 보안성?", "인가된 사용자들만"),
        .card("데이터베이스의 성능?", "디스크 I/O"),
        .card("인덱스(Index)란 무엇인가?", "색인"),
        .card("B+-Tree 인덱스 알고리즘?", "B+-Tree"),
        .card("Hash 인덱스 알고리즘?", "해시 값을 계산해서 인덱싱"),
        .card("Primary Index vs Secondary Index?", "테이블 당 하나의 Primary Index"),
        .card("Clustered Index vs Non-clustered Index?", "물리적 저장 위치"),
        .card("갱신 이상에는 어떠한 것들이 있는가?", "삽입 이상"),
        .absent("뒤로"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/OS/README.md",
      [
        .absent("Part 1-4 운영체제?"),
        .card("프로세스(Process)?", "실행 중인 프로그램"),
        .card("프로세스 식별자(Process ID, PID)?", "프로세스 식별 번호"),
        .card("프로그램 카운터?", "다음에 실행할 명령어의 주소"),
        .card("어카운팅 정보?", "사용된 CPU 시간"),
        .card("스레드(Thread)?", "프로세스의 실행 단위"),
        .card("스택을 스레드마다 독립적으로 할당하는 이유?", "함수 호출 시 전달되는 인자"),
        .card("멀티스레딩의 문제점?", "동기화"),
        .card("스케줄러 › Job Queue?", "모든 프로세스의 집합"),
        .card("스케줄러 › Ready Queue?", "CPU 를 잡아서 실행되기를 기다리는"),
        .card("___ I/O 작업을 대기하고 있는 프로세스의 집합", "Device Queue"),
        .card("장기스케줄러(Long-term scheduler or job scheduler)?", "메모리와 디스크 사이의 스케줄링"),
      ]),
    NoteExpectation(
      "donnemartin__system-design-primer/solutions/system_design/query_cache/README.md",
      [
        .card("Step 1: Outline use cases and constraints?", "Gather requirements"),
        .card("State assumptions?", "10 billion queries per month"),
        .card("State assumptions?", "Low latency between machines"),
        .card("Use case: User sends a request resulting in a cache hit?", "Memory Cache"),
        .card("Cache implementation?", "doubly-linked list"),
        .absent("i.imgur.com"),
        .absent("Imgur"),
        .absent("class QueryApi"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Software Engineering/데브옵스(DevOps).md",
      [
        .card("데브옵스(DevOps)?", "Development + Operations"),
        .card("목적?", "빠른 시간에 개발 및 배포"),
        .card("애자일 기법?", "프로토타입"),
        .card("지속적 통합?", "품질 제어"),
        .absent("post.naver.com"),
        .absent("참고 자료"),
      ]),
    NoteExpectation(
      gyoogle + "Language/[C++] Vector Container.md",
      [
        .card("[C++] Vector Container?", "자동으로 메모리를 할당"),
        .card("v.clear();", "모든 원소 제거"),
        .card("v.at(index);", "범위 점검 o"),
        .card("v.size();", "원소 개수"),
        .card("v2(v);", "v2에 v 복사"),
        .absent("#include <vector>"),
      ]),
    NoteExpectation(
      gyoogle + "Language/[Cpp] shallow copy vs deep copy.md",
      [
        .card("얕은 복사(shallow copy)?", "모든 멤버 변수의 값을 다른 객체로 복사"),
        .card("깊은 복사(deep copy)?", "포인터 변수가 가리키는 모든 객체"),
        .absent("strcpy"),
      ]),
    NoteExpectation(
      gyoogle + "ETC/GitHub 저장소(repository) 미러링.md",
      [
        .card("미러링", "commit log를 유지하며 clone"),
        .absent("git clone --bare"),
      ]),
    NoteExpectation(
      gyoogle + "Algorithm/최대공약수 & 최소공배수.md",
      [
        .card("유클리드 호제법을 활용하자!?", "큰 값 % 작은 값으로 나머지를 구한다"),
        .card("유클리드 호제법을 활용하자!?", "그때의 작은 값이 '최대공약수'이다"),
        .card("[알고리즘] 최대공약수 & 최소공배수?", "유클리드 공식"),
        .absent("System.out.println"),
      ]),
    // Tables, each read along the axis its cells show.
    NoteExpectation(
      gyoogle + "Web/HTTP status code.md",
      [
        .orientation("200번대 : 통신 성공", .thingsInRows),
        .orientation("300번대 : 리다이렉트", .thingsInRows),
        .orientation("400번대 : 클라이언트 오류", .thingsInRows),
        .orientation("500번대 : 서버 오류", .thingsInRows),
        .table(thing: "200", attribute: "이름", value: "OK"),
        .table(thing: "301", attribute: "이름", value: "Move Permanently"),
        .table(thing: "404", attribute: "이름", value: "Not Found"),
        .table(thing: "401", attribute: "의미", value: "인증 오류"),
        .table(thing: "503", attribute: "의미", value: "서비스 이용 불가"),
        .card("40x?", "클라이언트 오류"),
        .absent("상태코드 ›"),
      ]),
    NoteExpectation(
      gyoogle + "Algorithm/HeapSort.md",
      [
        .orientation("힙 소트(Heap Sort)", .singleRecord),
        .card("힙 소트(Heap Sort) › 최악?", "O(nlogn)"),
        .card("힙 소트(Heap Sort) › 평균?", "Θ(nlogn)"),
        .sequence("과정"),
        .card("과정 › 첫 단계는?", "최대 힙을 구성"),
        .card("완전 이진 트리란?", "왼쪽부터 차례대로"),
        .absent("daumcdn"),
      ]),
    NoteExpectation(
      gyoogle + "Algorithm/MergeSort.md",
      [
        .orientation("머지 소트(Merge Sort)", .singleRecord),
        .card("머지 소트(Merge Sort) › 최선?", "Ω(nlogn)"),
        .card("분할 정복이란?", "작은 문제 단위로 쪼개면서"),
        .absent("int mid"),
      ]),
    NoteExpectation(
      gyoogle + "Web/[Web] REST API.md",
      [
        .table(thing: "POST", attribute: "의미", value: "Create"),
        .table(thing: "GET", attribute: "의미", value: "Select"),
        .table(thing: "POST", attribute: "Idempotent", value: "No"),
        .table(thing: "DELETE", attribute: "Idempotent", value: "Yes"),
        .absent("Create › "),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Software Engineering/애자일(Agile)2.md",
      [
        .orientation("#2 기존 Approach (접근법)", .thingsInRows),
        .table(thing: "Predictive", attribute: "고객의 요구 사항", value: "Fixed"),
        .table(thing: "Iterative", attribute: "시행", value: "옳을 때까지 반복"),
        .table(thing: "Incremental", attribute: "Delivery", value: "Frequent smaller deliveries"),
        .table(thing: "Agile", attribute: "목표", value: "고객 가치 제공"),
        .table(thing: "Predictive", attribute: "목표", value: "비용 관리"),
        .absent("› Approach ›"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/FrontEnd/README.md",
      [
        .orientation("CORS", .thingsInRows),
        .table(thing: "Access-Control-Allow-Origin", attribute: "Description", value: "url"),
        .table(thing: "Access-Control-Allow-Credentials", attribute: "Description", value: "쿠키"),
        .table(thing: "Access-Control-Allow-Methods", attribute: "Description", value: "http method"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/Algorithm/README.md",
      [
        .orientation("DP vs DIVIDE&CONQUER vs GREEDY", .thingsInColumns),
        .card("어느 것의 특징? 반복문을 사용한다.", "Greedy"),
        .card("어느 것의 특징? 재귀 함수를 사용한다.", "Divide and Conquer"),
        .card("어느 것의 특징? 크루스칼, 프림, 다익스트라", "Greedy"),
        .absent("재귀 함수를 사용한다. ›"),
        .orientation("Sorting Algorithm's Complexity 정리", .thingsInRows),
        .table(thing: "Bubble sort", attribute: "Space Complexity", value: "O(1)"),
        .table(thing: "Merge sort", attribute: "(worst) Time Complexity", value: "O(nlogn)"),
        .table(thing: "Quick sort", attribute: "(worst) Time Complexity", value: "O(n^2)"),
        .table(thing: "Radix sort", attribute: "Space Complexity", value: "O(n)"),
        .orientation("Bubble Sort", .singleRecord),
        .card("Bubble Sort › Time Complexity?", "O(n^2)"),
      ]),
    NoteExpectation(
      "open-guides__og-aws/README.md",
      [
        .orientation("Storage Durability, Availability, and Price", .thingsInRows),
        .table(thing: "Glacier", attribute: "Storage (per TB per month)", value: "$4"),
        .table(thing: "S3 Standard", attribute: "Durability (per year)", value: "Eleven 9s"),
        .table(thing: "EFS", attribute: "Storage (per TB per month)", value: "$300"),
        .absent("Eleven 9s › "),
      ]),
    NoteExpectation(
      "donnemartin__system-design-primer/README.md",
      [
        .orientation("Hypertext transfer protocol (HTTP)", .thingsInRows),
        .table(thing: "GET", attribute: "Description", value: "Reads a resource"),
        .table(thing: "POST", attribute: "Safe", value: "No"),
        .table(thing: "DELETE", attribute: "Description", value: "Deletes a resource"),
        .orientation("99.9% availability - three 9s", .thingsInRows),
        .table(thing: "Downtime per year", attribute: "Acceptable downtime", value: "8h 45min 57s"),
        .orientation("99.99% availability - four 9s", .thingsInRows),
        .table(thing: "Downtime per day", attribute: "Acceptable downtime", value: "8.6s"),
        .orientation("RPC and REST calls comparison", .thingsInRows),
        .table(thing: "Signup", attribute: "REST", value: "/persons"),
        .table(thing: "Delete an item", attribute: "RPC", value: "/removeItem"),
      ]),
    NoteExpectation(
      gyoogle + "Interview/Interview List.md",
      [
        .card("서버 › 첫 단계는?", "socket() 생성"),
        .card("서버 › ‘listen() 연결요청 대기상태’ 다음 단계는?", "accept() 연결허용"),
        .card("클라이언트 › ‘socket() 생성’ 다음 단계는?", "connect() 연결요청"),
        .card("HTTPS 동작 순서 › 단계를 순서대로 놓으세요.", "TCP\nSSL\nHTTP"),
        .card("서버 › 단계를 순서대로 놓으세요.", "socket() 생성\nbind() 소켓 주소할당"),
      ]),
    NoteExpectation(
      "JaeYeopHan__Interview_Question_for_Beginner/iOS/README.md",
      [
        // The list of the note's own headings at its top is a table of contents.
        .absent("View Life Cycle\nDelegate vs Block vs Notification"),
        .card("Part 3-2 iOS?", "면접에서 나왔던 질문들을 정리"),
      ]),
    NoteExpectation(
      gyoogle + "Computer Science/Operating System/PCB & Context Switcing.md",
      [
        // `Ready → Running, Running → Ready` pairs states: no flow.
        .set("Context Switching"),
        .card("Context Switching?", "Running → Waiting"),
      ]),
    NoteExpectation(
      gyoogle + "Linux/Von Neumann Architecture.md",
      [
        .card("폰 노이만 구조?", "내장 메모리 순차처리 방식"),
        .card("장점?", "프로그램(소프트웨어)만 교체"),
        .card("단점?", "버스는 하나"),
        .card("단점?", "폰 노이만 병목현상"),
      ]),
  ]
}
