package org.layer45.testcrypto;

import static org.layer45.testcrypto.Hex.bytes;

/**
 * Test vectors from RFC 8448 "Example Handshake Traces for TLS 1.3" (TLS_AES_128_GCM_SHA256,
 * X25519). Messages are the handshake messages with their 4-byte headers, as printed in the
 * trace; records are complete records with their 5-byte headers.
 */
public final class Rfc8448 {
    private Rfc8448() {
    }

    // ---- §3 Simple 1-RTT Handshake: messages ----

    /** §3 {client} construct a ClientHello handshake message (196 bytes). */
    public static final byte[] S3_CLIENT_HELLO = bytes(
            "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece700000613011303130201"
            + "0000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400"
            + "230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b00"
            + "03020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c"
            + "00024001");

    /** §3 {server} construct a ServerHello handshake message (90 bytes). */
    public static final byte[] S3_SERVER_HELLO = bytes(
            "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024"
            + "001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304");

    /**
     * §3 {server} send handshake record, payload: EncryptedExtensions, Certificate,
     * CertificateVerify, Finished back to back (657 bytes).
     */
    public static final byte[] S3_SERVER_FLIGHT = bytes(
            "080000240022000a00140012001d00170018001901000101010201030104001c00024001000000000b0001b9000001b5"
            + "0001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a0603550403130372"
            + "7361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a0603550403130372"
            + "736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c"
            + "0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0cc"
            + "b0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a"
            + "8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b0603551d0f0404030205a0"
            + "300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594"
            + "365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102702e608ccae6bec1"
            + "fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b4"
            + "2b4de100000f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc"
            + "90db78e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671"
            + "459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3140000"
            + "209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");

    /** §3 {client} construct a Finished handshake message (36 bytes). */
    public static final byte[] S3_CLIENT_FINISHED = bytes(
            "14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");

    /** §3 {server} construct a NewSessionTicket handshake message (205 bytes). */
    public static final byte[] S3_NEW_SESSION_TICKET = bytes(
            "040000c90000001efad6aac502000000b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf"
            + "1b0070ad3c498883c9367c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827"
            + "db279cce145077d454a3664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228"
            + "bda40dda721470f9fbf297b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934a"
            + "e4d3570008002a000400000400");

    /** §3 ticket_nonce inside that NewSessionTicket (two bytes 00 00). */
    public static final byte[] S3_TICKET_NONCE = bytes("0000");

    /** §3 application data both sides send: the 50 bytes 00..31. */
    public static final byte[] S3_APP_DATA = bytes(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
            + "3031");

    // ---- §3: records ----

    /** §3 {server} send handshake record: the server flight under the server handshake key (679 bytes). */
    public static final byte[] S3_RECORD_SERVER_FLIGHT = bytes(
            "17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848a7ca"
            + "07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13b"
            + "d9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c"
            + "7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd61092"
            + "8d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a8"
            + "9441ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f"
            + "4415cf9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a3"
            + "6ac1b639c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e"
            + "1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052c"
            + "f93b16499a66db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe"
            + "5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb"
            + "5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038"
            + "ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd50278"
            + "4016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e"
            + "750edc53370d2b");

    /** §3 {client} send handshake record: client Finished under the client handshake key. */
    public static final byte[] S3_RECORD_CLIENT_FINISHED = bytes(
            "170303003575ec4dc238cce60b298044a71e219c56cc77b0517fe9b93c7a4bfc44d87f38f80338ac98fc46deb384bd1c"
            + "aeacab6867d726c40546");

    /** §3 {server} send handshake record: NewSessionTicket under the server application key, seq 0. */
    public static final byte[] S3_RECORD_TICKET = bytes(
            "17030300de3a6b8f90414a97d6959c3487680de5134a2b240e6cffac116e95d41d6af8f6b580dcf3d11d63c758db289a"
            + "015940252f55713e061dc13e078891a38efbcf5753ad8ef170ad3c7353d16d9da773b9ca7f2b9fa1b6c0d4a3d03f75e0"
            + "9c30ba1e62972ac46f75f7b981be63439b2999ce13064615139891d5e4c5b406f16e3fc181a77ca475840025db2f0a77"
            + "f81b5ab05b94c01346755f69232c86519d86cbeeac87aac347d143f9605d64f650db4d023e70e952ca49fe5137121c74"
            + "bc2697687e248746d6df353005f3bce18696129c8153556b3b6c6779b37bf15985684f");

    /** §3 {client} send application_data record, client application key, seq 0. */
    public static final byte[] S3_RECORD_CLIENT_DATA = bytes(
            "1703030043a23f7054b62c94d0affafe8228ba55cbefacea42f914aa66bcab3f2b9819a8a5b46b395bd54a9a20441e2b"
            + "62974e1f5a6292a2977014bd1e3deae63aeebb21694915e4");

    /** §3 {server} send application_data record, server application key, seq 1. */
    public static final byte[] S3_RECORD_SERVER_DATA = bytes(
            "17030300432e937e11ef4ac740e538ad36005fc4a46932fc3225d05f82aa1b36e30efaf97d90e6dffc602dcb501a59a8"
            + "fcc49c4bf2e5f0a21c0047c2abf332540dd032e167c2955d");

    /** §3 {client} send alert record (close_notify), client application key, seq 1. */
    public static final byte[] S3_RECORD_CLIENT_ALERT = bytes("1703030013c9872760655666b74d7ff1153efd6db6d0b0e3");

    /** §3 {server} send alert record (close_notify), server application key, seq 2. */
    public static final byte[] S3_RECORD_SERVER_ALERT = bytes("1703030013b58fd67166ebf599d24720cfbe7efa7a8864a9");

    // ---- §3: secrets ----

    public static final byte[] S3_ECDHE = bytes("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
    public static final byte[] S3_EARLY_SECRET =
            bytes("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
    public static final byte[] S3_DERIVED_FOR_HANDSHAKE =
            bytes("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
    public static final byte[] S3_HANDSHAKE_SECRET =
            bytes("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");
    public static final byte[] S3_HASH_CH_SH = bytes("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8");
    public static final byte[] S3_C_HS_TRAFFIC =
            bytes("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
    public static final byte[] S3_S_HS_TRAFFIC =
            bytes("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
    public static final byte[] S3_DERIVED_FOR_MASTER =
            bytes("43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4");
    public static final byte[] S3_MASTER_SECRET =
            bytes("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919");
    public static final byte[] S3_S_HS_KEY = bytes("3fce516009c21727d0f2e4e86ee403bc");
    public static final byte[] S3_S_HS_IV = bytes("5d313eb2671276ee13000b30");
    public static final byte[] S3_C_HS_KEY = bytes("dbfaa693d1762c5b666af5d950258d01");
    public static final byte[] S3_C_HS_IV = bytes("5bd3c71b836e0b76bb73265f");
    public static final byte[] S3_S_FINISHED_KEY =
            bytes("008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8");
    public static final byte[] S3_S_VERIFY_DATA =
            bytes("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
    public static final byte[] S3_HASH_CH_SF = bytes("9608102a0f1ccc6db6250b7b7e417b1a000eaada3daae4777a7686c9ff83df13");
    public static final byte[] S3_C_AP_TRAFFIC =
            bytes("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5");
    public static final byte[] S3_S_AP_TRAFFIC =
            bytes("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643");
    public static final byte[] S3_EXP_MASTER =
            bytes("fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50");
    public static final byte[] S3_S_AP_KEY = bytes("9f02283b6c9c07efc26bb9f2ac92e356");
    public static final byte[] S3_S_AP_IV = bytes("cf782b88dd83549aadf1e984");
    public static final byte[] S3_C_AP_KEY = bytes("17422dda596ed5d9acd890e3c63f5051");
    public static final byte[] S3_C_AP_IV = bytes("5b78923dee08579033e523d9");
    public static final byte[] S3_C_FINISHED_KEY =
            bytes("b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7d3c75b5a7b42d9c4");
    public static final byte[] S3_C_VERIFY_DATA =
            bytes("a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
    public static final byte[] S3_HASH_CH_CF = bytes("209145a96ee8e2a122ff810047cc952684658d6049e86429426db87c54ad143d");
    public static final byte[] S3_RES_MASTER =
            bytes("7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c");
    public static final byte[] S3_RESUMPTION_PSK =
            bytes("4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3");

    // ---- §4 Resumed 0-RTT Handshake ----

    public static final byte[] S4_EARLY_SECRET =
            bytes("9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c");
    public static final byte[] S4_BINDER_KEY =
            bytes("69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256");
    public static final byte[] S4_BINDER_FINISHED_KEY =
            bytes("5588673e72cb59c87d220caffe94f2dea9a3b1609f7d50e90a48227db9ed7eaa");
    /** §4 hash of the partial ClientHello (up to, not including, the binders). */
    public static final byte[] S4_HASH_PARTIAL_CH =
            bytes("63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14");
    public static final byte[] S4_BINDER = bytes("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d");
    /** §4 hash of the complete ClientHello (with binders). */
    public static final byte[] S4_HASH_CH = bytes("08ad0fa05d7c7233b1775ba2ff9f4c5b8b59276b7f227f13a976245f5d960913");
    public static final byte[] S4_C_E_TRAFFIC =
            bytes("3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62");
    public static final byte[] S4_E_EXP_MASTER =
            bytes("b2026866610937d7423e5be90862ccf24c0e6091186d34f812089ff5be2ef7df");
    public static final byte[] S4_EARLY_KEY = bytes("920205a5b7bf2115e6fc5c2942834f54");
    public static final byte[] S4_EARLY_IV = bytes("6d475f0993c8e564610db2b9");
    /** §4 {client} send application_data record: "ABCDEF" under the early traffic key, seq 0. */
    public static final byte[] S4_RECORD_EARLY_DATA = bytes("1703030017ab1df420e75c457a7cc5d2844f76d5aee4b4edbf049be0");

    // ---- §2 Private Keys: the server RSA key (1024 bits) used in §3 and §5 ----

    /** §2 RSA modulus. */
    public static final byte[] RSA_MODULUS = bytes(
            "b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af1"
            + "9eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8c"
            + "a9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f");
    /** §2 RSA public exponent. */
    public static final byte[] RSA_PUBLIC_EXPONENT = bytes("010001");
    /** §2 RSA private exponent. */
    public static final byte[] RSA_PRIVATE_EXPONENT = bytes(
            "04dea705d43a6ea7209dd8072111a83c81e322a59278b33480641eaf7c0a6985b8e31c44f6de62e1b4c2309f6126e77b"
            + "7c41e923314bbfa3881305dc1217f16c819ce538e922f369828d0e57195d8c8488460207b2faa726bcf708bbd7db7f67"
            + "9f893492fc2a622e08970aac441ce4e0c3088df25ae679233df8a3bda2ff9941");
    /** §2 RSA prime1. */
    public static final byte[] RSA_PRIME1 = bytes(
            "e435fb7cc83737756dacea96ab7f59a2cc1069db7deb190e17e33a532b273f30a327aa0aaabc58cd67466af9845fadc6"
            + "75fe094af92c4bd1f2c1bc33dd2e0515");
    /** §2 RSA prime2. */
    public static final byte[] RSA_PRIME2 = bytes(
            "cabd3bc0e0438664c8d4cc9f99977a94d9bbfead8e43870abae3f7eb8b4e0eee8af1d9b4719ba6196cf2cbbaeeebf8b3"
            + "490afe9e9ffa74a88aa51fc645629303");
    /** §2 RSA exponent1. */
    public static final byte[] RSA_EXPONENT1 = bytes(
            "3f57345c27fe1b687e6e761627b78b1b826433dd760fa0bea6a6acf39490aa1b47cda4869d68f584dd5b5029bd32093b"
            + "8258661fe715025e5d70a45a08d3d319");
    /** §2 RSA exponent2. */
    public static final byte[] RSA_EXPONENT2 = bytes(
            "183da01363bd2f2885cacbdc9964bf4764f1517636f86401286f71893c52ccfe40a6c23d0d086b47c6fb10d8fd1041e0"
            + "4def7e9a40ce957c417794e10412d139");
    /** §2 RSA coefficient. */
    public static final byte[] RSA_COEFFICIENT = bytes(
            "839ca9a085e4286b2c90e466997a2c681f21339aa3477814e4dec11833050ed50dd13cc038048a43c59b2acc416889c0"
            + "37665fe5afa605969f8c01dfa5ca969d");

    // ---- §3: ephemeral keys, randoms, plaintext records ----

    /** §3 {client} ClientHello random. */
    public static final byte[] S3_CLIENT_RANDOM =
            bytes("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");
    /** §3 {client} create an ephemeral x25519 key pair: private key. */
    public static final byte[] S3_CLIENT_X25519_PRIVATE =
            bytes("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005");
    /** §3 {server} ServerHello random. */
    public static final byte[] S3_SERVER_RANDOM =
            bytes("a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928");
    /** §3 {server} create an ephemeral x25519 key pair: private key. */
    public static final byte[] S3_SERVER_X25519_PRIVATE =
            bytes("b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e");
    /** §3 {client} send handshake record: the ClientHello (legacy_record_version 0x0301). */
    public static final byte[] S3_RECORD_CLIENT_HELLO = bytes(
            "16030100c4010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece70000061301"
            + "13031302010000910000000b0009000006736572766572ff01000100000a00140012001d001700180019010001010102"
            + "0103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529a"
            + "af2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00"
            + "020101001c00024001");
    /** §3 {server} send handshake record: the ServerHello. */
    public static final byte[] S3_RECORD_SERVER_HELLO = bytes(
            "160303005a020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e269280013010000"
            + "2e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304");
    /** §3 transcript hash ClientHello..Certificate, signed in the CertificateVerify. */
    public static final byte[] S3_HASH_CH_CERT =
            bytes("764d6632b3c35c3f3205e3499ac3edbaabb88295fba751461d3678e2e5ea0687");

    // ---- §4 Resumed 0-RTT Handshake: keys, randoms, records ----

    /** §4 {client} ClientHello random. */
    public static final byte[] S4_CLIENT_RANDOM =
            bytes("1bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d7876487d95");
    /** §4 {client} create an ephemeral x25519 key pair: private key. */
    public static final byte[] S4_CLIENT_X25519_PRIVATE =
            bytes("bff91188283846dd6a2134ef7180ca2b0b14fb10dce707b5098c0dddc813b2df");
    /** §4 {client} send handshake record: ClientHello with early_data, padding and pre_shared_key (517 bytes). */
    public static final byte[] S4_RECORD_CLIENT_HELLO = bytes(
            "1603010200010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d7876487d950000061301"
            + "13031302010001cd0000000b0009000006736572766572ff01000100000a00140012001d001700180019010001010102"
            + "01030104003300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe051a66b4f18d668f0b002a"
            + "0000002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00"
            + "020101001c00024001001500570000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "00000000002900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a34cb33fa90bf1b0070ad3c"
            + "498883c9367c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce14"
            + "5077d454a3664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda72"
            + "1470f9fbf297b5aea617646fac5c03272e970727c621a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6"
            + "aacb0021203add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d");
    /** §4 {server} send handshake record: the ServerHello (pre_shared_key selected identity 0). */
    public static final byte[] S4_RECORD_SERVER_HELLO = bytes(
            "16030300600200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea5122495f559ea2d0013010000"
            + "3400290002000000330024001d0020121761ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea3100"
            + "2b00020304");
    /** §4 {server} send handshake record: EncryptedExtensions, Finished under the server handshake key. */
    public static final byte[] S4_RECORD_SERVER_FLIGHT = bytes(
            "1703030061dc48237b4b879f50d0d4d262ea8b4716eb40ddc1eb957e11126e8a7149c2d012d37a7115957e64ce30008b"
            + "9e0323f2c05a9c1c77b4f37849a695ab255060a33fee770ca95cb8486bfd0843b87024865ca35cc41c4e515c64dcb136"
            + "9f98635bc7a5");
    /** §4 {client} send application_data record (00..31), client application key, seq 0. */
    public static final byte[] S4_RECORD_CLIENT_DATA = bytes(
            "1703030043b1cebce242aa201be9ae5e1cb2a9aa4b33d4e866af1edb068919237741aa031d7a74d491c99b9d4e232b74"
            + "206bc6fbaa04fe78be44a9b4f54320a17eb76992afac3103");
    /** §4 {server} send application_data record (00..31), server application key, seq 0. */
    public static final byte[] S4_RECORD_SERVER_DATA = bytes(
            "1703030043275e9f20acff57bc000657d3867df039cccf79047884cf75771746f740b5a83f462a0954c3581393a203a2"
            + "5a7dd14141ef1a37900cdb62ff62dee1ba39ab2590cbf194");
    /** §4 {client} send alert record (close_notify), client application key, seq 1. */
    public static final byte[] S4_RECORD_CLIENT_ALERT = bytes("17030300130facce3246bdfc6369838d6a82ae6de5d422dc");
    /** §4 {server} send alert record (close_notify), server application key, seq 1. */
    public static final byte[] S4_RECORD_SERVER_ALERT = bytes("17030300135b18af444e8e1eec7158fb62d8f2577d37ba5d");

    // ---- §5 HelloRetryRequest: keys, randoms, records ----

    /** §5 {client} ClientHello random (the same in both ClientHellos). */
    public static final byte[] S5_CLIENT_RANDOM =
            bytes("b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee9258a346677b6f");
    /** §5 {client} create an ephemeral x25519 key pair: private key. */
    public static final byte[] S5_CLIENT_X25519_PRIVATE =
            bytes("0ed02f8e8117efc75ca7ac32aa7e34eda64cdc0ddad154a5e85289f959f63204");
    /** §5 {client} create an ephemeral P-256 key pair (after the HelloRetryRequest): private key. */
    public static final byte[] S5_CLIENT_P256_PRIVATE =
            bytes("ab5473467e19346ceb0a0414e41da21d4d2445bc3025afe97c4e8dc8d513da39");
    /** §5 {server} create an ephemeral P-256 key pair: private key. */
    public static final byte[] S5_SERVER_P256_PRIVATE =
            bytes("8c510601f9765bfb8ed693449a48989859b5cfa879cb9f5443c41c5ff10634ed");
    /** §5 {server} ServerHello random. */
    public static final byte[] S5_SERVER_RANDOM =
            bytes("bb341d847fd789c47c387172dc0c9bf147fccacb5043d86ca4c598d3ff571b98");
    /** §5 {server} the cookie in the HelloRetryRequest (server-chosen, 114 bytes). */
    public static final byte[] S5_COOKIE = bytes(
            "71dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd0030953f4edf625636e5f21bb2e23fcc"
            + "654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d6e50781b5eda4aa15b0c8be778257d16aa3030e9e7841dd9"
            + "e4c0342267e8ca0caf571fb2b7cff0f934b0");
    /** §5 {client} send handshake record: the first ClientHello (x25519 share only). */
    public static final byte[] S5_RECORD_CLIENT_HELLO_1 = bytes(
            "16030100b4010000b00303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee9258a346677b6f0000061301"
            + "13031302010000810000000b0009000006736572766572ff01000100000a00080006001d00170018003300260024001d"
            + "0020e8e8e3f3b93a25ed97a14a7dcacb8a272c6288e585c6484d05262fcad062ad1f002b0003020304000d0020001e04"
            + "0305030603020308040805080604010501060102010402050206020202002d00020101001c00024001");
    /** §5 {server} send handshake record: HelloRetryRequest (secp256r1, cookie). */
    public static final byte[] S5_RECORD_HELLO_RETRY_REQUEST = bytes(
            "16030300b0020000ac0303cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c0013010000"
            + "84003300020017002c0074007271dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aacad365dd003095"
            + "3f4edf625636e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d6e50781b5eda4aa15b0c8b"
            + "e778257d16aa3030e9e7841dd9e4c0342267e8ca0caf571fb2b7cff0f934b0002b00020304");
    /**
     * §5 {client} send handshake record: the second ClientHello (P-256 share, cookie, padding; record version 0x0303).
     */
    public static final byte[] S5_RECORD_CLIENT_HELLO_2 = bytes(
            "1603030200010001fc0303b0b1c5a5aa37c5919f2ed1d5c6fff7fcb7849716945a2b8cee9258a346677b6f0000061301"
            + "13031302010001cd0000000b0009000006736572766572ff01000100000a00080006001d001700180033004700450017"
            + "004104a6da7392ec591e17abfd535964b99894d13befb221b3def2ebe3830eac8f0151812677c4d6d2237e85cf01d691"
            + "0cfb83954e76ba7352830534159897e8065780002b0003020304000d0020001e04030503060302030804080508060401"
            + "0501060102010402050206020202002c0074007271dcd04bb88bc3189119398a00000000eefafc76c146b823b096f8aa"
            + "cad365dd0030953f4edf625636e5f21bb2e23fcc654b1b5b40318d10d137abcbb87574e36e8a1f025f7dfa5d6e50781b"
            + "5eda4aa15b0c8be778257d16aa3030e9e7841dd9e4c0342267e8ca0caf571fb2b7cff0f934b0002d00020101001c0002"
            + "4001001500af000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "00000000000000000000000000000000000000000000000000000000000000000000000000");
    /** §5 {server} send handshake record: the ServerHello (P-256). */
    public static final byte[] S5_RECORD_SERVER_HELLO = bytes(
            "160303007b020000770303bb341d847fd789c47c387172dc0c9bf147fccacb5043d86ca4c598d3ff571b980013010000"
            + "4f003300450017004104583e054b7a66672ae020ad9d2686fcc85b5ad41a134a0f03ee72b893052bd85b4c8de6776f5b"
            + "04ac07d83540eab3e3d9c547bc6528c4317d294686093a6cad7d002b00020304");
    /** §5 {server} CertificateVerify handshake message (rsa_pss_rsae_sha256). */
    public static final byte[] S5_CERTIFICATE_VERIFY = bytes(
            "0f0000840804008033ab13d4462707231b5dcae6c8190b63d1dabc74f28c395370da0b07e5b83066d0246a31acd95df4"
            + "75bfd799a4a70d33ad93d3a317a9b2c0d237a5685b219e774112e391a247607d1aeff1bbd0a39f382ee1a5fe88ae99ec"
            + "59228e6497e45d48ce275a6d5ef40d169fb6f9d33b052ed3dcdd6b5a48baafffbcb290128415bd38");
    /** §5 transcript hash message_hash..Certificate, signed in the CertificateVerify. */
    public static final byte[] S5_HASH_TO_CERTIFICATE =
            bytes("a303fd397938c2b5c3fb0dfb33bd6c46d890331e3be5ed3b8ea2be5218c3db1a");
    /** §5 {server} send handshake record: EncryptedExtensions, Certificate, CertificateVerify, Finished. */
    public static final byte[] S5_RECORD_SERVER_FLIGHT = bytes(
            "170303029699bee20baf5b7fc727bfab6223928a381e6d0cf9c4da653f9d2a7b23f7de11cce842d5cf75631763450ffb"
            + "8b0cc1d238e658af7a12adc86243114ab14a1da2fae42621ce483fb6242eabfaad52566b02b31d2eddedefeb80e66a99"
            + "00d5f973b40c4fdf74719ecf1b68d7f9c3b6ceb903ca13dd1bb8f8187ae33417e1d152522c5822a1a03ad52c838c5595"
            + "3d610222874cce8e1790b229a2aa0b53c8d377ee720182951dc6181dc5d90bd1f0105ed1e84aa5f75957c6661897079e"
            + "5ea5007449e3197bdc7c9beeedddeafdd844afa5c315ecfe65e576afe909812880620ec7048b42d7f5c78d76f299d6d8"
            + "2534bdd8f512febc0ed3814aca470cd8000d3e1cb9962b052fbb950df683a52c2ba77ed3713b122937a6e5170964e2ab"
            + "7969dcd980b3db9b458da7603124d6dc005e4d6e04b4d0c4baf3275db827dbba0a6db09672171fc057b3851d7e026841"
            + "e2978fbd2346bbefdd0376bb1108fe9acc92189f5650aa5e85d8e8c7b67ac510dba003d3d7e16350bb66d45013efd44c"
            + "9b607c0d318c4c7d1a1f5cbc57e20611804e3787d7b4a4b5f08ed8fd70bdaeade02260b12ab842ef690b4a3ee7911e84"
            + "1b374ecd5ebbbc2a54d047b600336dd7d0c88b4bc10e58ee6cb656de7247fa20d8e91deb84628608cf80615b62e96c14"
            + "91c7ac3755eb6901405d3474fe1ac79d106a0cee56c2577fc88480f96cb6b8c681b7b68b53c146093908f350888175bd"
            + "fb0b1e31ad61e30ba0adfe6d223aa03c0783b5001a57587c328a9afcfcfb978d1cd4328f7d9d60530e630befd96c0c81"
            + "6ee20b0100768ae2a6df51fc68f172740a79af11398ee3be1252491fa9c693479e877f94ab7c5f8cad480203e6ab7b87"
            + "dd71e8a0729113df17f5eee86ce108d1d72007ec1cd13c85a6c149621e77b7d78d805a30f0be030c315e54");
    /** §5 {client} send handshake record: client Finished under the client handshake key. */
    public static final byte[] S5_RECORD_CLIENT_FINISHED = bytes(
            "1703030035d74f1923c662fd34137c6f502f3dd2b93d951d1b3bc97e42afe23c31abea92fe91b474999e85e3b791ce25"
            + "2fe8c3e9f939a4120cb2");
    /** §5 {client} send alert record (close_notify), client application key, seq 0. */
    public static final byte[] S5_RECORD_CLIENT_ALERT = bytes("17030300132ea6cdf749196023e2b3a49491695536426047");
    /** §5 {server} send alert record (close_notify), server application key, seq 0. */
    public static final byte[] S5_RECORD_SERVER_ALERT = bytes("1703030013519fc5075cb0884349759ff9ef6f011bb4c6f2");

    // ---- §3: parts of the messages above ----

    /** §3 the server's certificate (DER, 432 bytes): the only entry of the Certificate in S3_SERVER_FLIGHT. */
    public static final byte[] S3_CERTIFICATE_DER = java.util.Arrays.copyOfRange(S3_SERVER_FLIGHT, 51, 51 + 432);

    /** §3 the CertificateVerify handshake message (136 bytes) inside S3_SERVER_FLIGHT, after EE and Certificate. */
    public static final byte[] S3_CERTIFICATE_VERIFY = java.util.Arrays.copyOfRange(S3_SERVER_FLIGHT, 485, 621);

    /** §3 the opaque ticket (178 bytes) inside S3_NEW_SESSION_TICKET; the PSK identity of §4. */
    public static final byte[] S3_TICKET = java.util.Arrays.copyOfRange(S3_NEW_SESSION_TICKET, 17, 17 + 178);
}
