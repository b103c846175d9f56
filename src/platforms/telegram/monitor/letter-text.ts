/**
 * The deletion request as plain text, in Korean and in English, from its JSON. Times are shown
 * in KST in Korean (the KCSC's time) and in UTC in English. The wording asks for removal and
 * cites the laws by name; it has been written to be reviewed by the organisation's counsel
 * before first use, not to stand in for it.
 */
import type { DeletionRequestItem, DeletionRequestJson, LetterCategory } from "./letter.js";

export const LAWS: Readonly<Record<string, { readonly ko: string; readonly en: string }>> = {
  "kr-network-act-44-7": {
    ko: "정보통신망 이용촉진 및 정보보호 등에 관한 법률 제44조의7 (불법정보의 유통금지 등)",
    en: "Act on Promotion of Information and Communications Network Utilization and Information Protection, Article 44-7 (prohibition of illegal information)",
  },
  "kr-kcc-act-21": {
    ko: "방송통신위원회의 설치 및 운영에 관한 법률 제21조 (심의위원회의 직무)",
    en: "Act on the Establishment and Operation of the Korea Communications Commission, Article 21 (duties of the Standards Commission)",
  },
  "kr-sexual-crimes-act-14": {
    ko: "성폭력범죄의 처벌 등에 관한 특례법 제14조 (카메라 등을 이용한 촬영)",
    en: "Act on Special Cases Concerning the Punishment of Sexual Crimes, Article 14 (distribution of intimate images without consent)",
  },
  "kr-sexual-crimes-act-14-2": {
    ko: "성폭력범죄의 처벌 등에 관한 특례법 제14조의2 (허위영상물 등의 반포등)",
    en: "Act on Special Cases Concerning the Punishment of Sexual Crimes, Article 14-2 (distribution of sexual deepfakes)",
  },
};

const CATEGORY: Readonly<Record<LetterCategory, { readonly ko: string; readonly en: string }>> = {
  deepfake: { ko: "허위영상물(성적 딥페이크)", en: "sexual deepfake (synthetic intimate image)" },
  ncii: { ko: "동의 없이 유포된 성적 촬영물", en: "intimate image shared without consent" },
  other: { ko: "기타 유해 정보", en: "other harmful content" },
};

export function koreanLetter(request: DeletionRequestJson): string {
  const toKcsc = request.to.kind === "kcsc";
  const lines = [
    `${toKcsc ? "방송통신심의위원회" : request.to.name} 귀중`,
    "",
    toKcsc
      ? "제목: 디지털성범죄정보 삭제 및 접속차단 요청 (텔레그램 공개 채널)"
      : "제목: 디지털성범죄정보 삭제 요청 (텔레그램 공개 채널)",
    "",
    `요청 기관: ${request.requester.organisation}`,
    `연락처: ${request.requester.contact}`,
    `작성 일시: ${kst(request.generatedAt)}`,
    `문서 번호: ${request.reference.slice(0, 32)}`,
    "",
    `${request.requester.organisation}은(는) 아래 텔레그램 공개 채널의 게시물 ${request.items.length}건이 ` +
      "피해자의 동의 없이 유포된 성적 촬영물 또는 허위영상물(딥페이크)로 확인되어, " +
      (toKcsc ? "삭제 및 접속차단을 위한 심의(시정요구)를 요청합니다." : "삭제를 요청합니다."),
    "",
    "확인 방법: 피해자가 등록한 이미지의 해시(PDQ 지각 해시, SHA-256)와 게시물 미디어의 해시가 " +
      "일치함을 자동으로 확인했습니다. 이 요청서에는 영상물 사본을 첨부하지 않았으며, 피해자의 신원은 적지 않았습니다.",
    "",
    "게시물 목록",
    ...request.items.flatMap((item, index) => koreanItem(item, index)),
    "",
    "관련 법령 (참고)",
    ...request.legalBasis.map((id) => `- ${LAWS[id]?.ko ?? id}`),
    "",
    "추가 자료가 필요하시면 위 연락처로 문의해 주십시오. 각 항목의 증거 기록 다이제스트(SHA-256)로 기록의 무결성을 확인할 수 있습니다.",
  ];
  return lines.join("\n") + "\n";
}

export function englishLetter(request: DeletionRequestJson): string {
  const toKcsc = request.to.kind === "kcsc";
  const lines = [
    `To: ${request.to.name}${request.to.address ? ` <${request.to.address}>` : ""}`,
    "",
    "Subject: Request to remove non-consensual intimate imagery from public Telegram channels",
    "",
    `Requesting organisation: ${request.requester.organisation}`,
    `Contact: ${request.requester.contact}`,
    `Date: ${utc(request.generatedAt)}`,
    `Reference: ${request.reference.slice(0, 32)}`,
    "",
    `${request.requester.organisation} asks for the removal of the ${request.items.length} post(s) below, ` +
      "found in public Telegram channels or groups, which show intimate images of a person shared " +
      "without their consent or sexual deepfakes of them" +
      (toKcsc ? ", and for a correction request blocking access to them." : "."),
    "",
    "How they were found: the hashes of the posts' media (PDQ perceptual hash, SHA-256) match " +
      "images submitted by or for the person shown. No copy of the content is attached, and the " +
      "person is not named.",
    "",
    "Posts",
    ...request.items.flatMap((item, index) => englishItem(item, index)),
    "",
    ...(toKcsc
      ? [
          "Legal basis (for reference)",
          ...request.legalBasis.map((id) => `- ${LAWS[id]?.en ?? id}`),
          "",
        ]
      : []),
    "Please contact us at the address above for anything further. Each item's evidence digest " +
      "(SHA-256) lets the record be checked for integrity.",
  ];
  return lines.join("\n") + "\n";
}

function koreanItem(item: DeletionRequestItem, index: number): string[] {
  return [
    `${index + 1}. ${item.link}`,
    `   채널: @${item.channel.username} (${item.channel.title}) · ${item.channel.kind === "group" ? "공개 그룹" : "공개 채널"}`,
    `   분류: ${CATEGORY[item.category].ko}`,
    `   게시 일시: ${item.postedAt ? kst(item.postedAt) : "알 수 없음"} · 확인 일시: ${kst(item.foundAt)}`,
    `   텔레그램 신고: ${item.reportedToTelegram ? `${kst(item.reportedToTelegram.at)} 신고함` : "하지 않음"}`,
    ...item.hashes.map((hash) => `   ${hash.kind}: ${hash.value}`),
    `   증거 기록 다이제스트: ${item.evidenceDigest}`,
  ];
}

function englishItem(item: DeletionRequestItem, index: number): string[] {
  return [
    `${index + 1}. ${item.link}`,
    `   Channel: @${item.channel.username} (${item.channel.title}), public ${item.channel.kind}`,
    `   Category: ${CATEGORY[item.category].en}`,
    `   Posted: ${item.postedAt ? utc(item.postedAt) : "unknown"}; found: ${utc(item.foundAt)}`,
    `   Reported to Telegram: ${item.reportedToTelegram ? utc(item.reportedToTelegram.at) : "no"}`,
    ...item.hashes.map((hash) => `   ${hash.kind}: ${hash.value}`),
    `   Evidence digest: ${item.evidenceDigest}`,
  ];
}

// Korea has kept UTC+9 all year since 1988: no time zone database needed.
function kst(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 9 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)} KST`;
}

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
