// Tables of the portable logarithm and exponential (portable_math.cpp). Every
// entry was computed once at 60 significant digits (Python's decimal module) and
// rounded to the nearest double; written as hexadecimal literals, they are the
// same bits for every compiler.
#pragma once

namespace immersim::detail {

struct log_entry {
    double inverse; // 1/c
    double log;     // log c
};

// 2^(j/64) for j = 0..63, each the double nearest.
inline constexpr double exp2_sixty_fourths[64] = {
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
    0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
    0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
    0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
    0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
    0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
    0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
    0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
    0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
    0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
    0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
    0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0,
};

// For c = k/128, k = 91..181 (c spans [sqrt(1/2), sqrt(2)]): 1/c and log c,
// each the double nearest.
inline constexpr log_entry log_table[91] = {
    {0x1.6816816816817p+0, -0x1.5d5bddf595f30p-2}, {0x1.642c8590b2164p+0, -0x1.522ae0738a3d8p-2},
    {0x1.6058160581606p+0, -0x1.4718dc271c41bp-2}, {0x1.5c9882b931057p+0, -0x1.3c25277333184p-2},
    {0x1.58ed2308158edp+0, -0x1.314f1e1d35ce4p-2}, {0x1.5555555555555p+0, -0x1.269621134db92p-2},
    {0x1.51d07eae2f815p+0, -0x1.1bf99635a6b95p-2}, {0x1.4e5e0a72f0539p+0, -0x1.1178e8227e47cp-2},
    {0x1.4afd6a052bf5bp+0, -0x1.07138604d5862p-2}, {0x1.47ae147ae147bp+0, -0x1.f991c6cb3b379p-3},
    {0x1.446f86562d9fbp+0, -0x1.e530effe71012p-3}, {0x1.4141414141414p+0, -0x1.d1037f2655e7bp-3},
    {0x1.3e22cbce4a902p+0, -0x1.bd087383bd8adp-3}, {0x1.3b13b13b13b14p+0, -0x1.a93ed3c8ad9e3p-3},
    {0x1.3813813813814p+0, -0x1.95a5adcf7017fp-3}, {0x1.3521cfb2b78c1p+0, -0x1.823c16551a3c2p-3},
    {0x1.323e34a2b10bfp+0, -0x1.6f0128b756abcp-3}, {0x1.2f684bda12f68p+0, -0x1.5bf406b543db2p-3},
    {0x1.2c9fb4d812ca0p+0, -0x1.4913d8333b561p-3}, {0x1.29e4129e4129ep+0, -0x1.365fcb0159016p-3},
    {0x1.27350b8812735p+0, -0x1.23d712a49c202p-3}, {0x1.2492492492492p+0, -0x1.1178e8227e47cp-3},
    {0x1.21fb78121fb78p+0, -0x1.fe89139dbd566p-4}, {0x1.1f7047dc11f70p+0, -0x1.da727638446a2p-4},
    {0x1.1cf06ada2811dp+0, -0x1.b6ac88dad5b1cp-4}, {0x1.1a7b9611a7b96p+0, -0x1.9335e5d594989p-4},
    {0x1.1811811811812p+0, -0x1.700d30aeac0e1p-4}, {0x1.15b1e5f75270dp+0, -0x1.4d3115d207eacp-4},
    {0x1.135c81135c811p+0, -0x1.2aa04a44717a5p-4}, {0x1.1111111111111p+0, -0x1.08598b59e3a07p-4},
    {0x1.0ecf56be69c90p+0, -0x1.ccb73cdddb2ccp-5}, {0x1.0c9714fbcda3bp+0, -0x1.894aa149fb343p-5},
    {0x1.0a6810a6810a7p+0, -0x1.466aed42de3eap-5}, {0x1.0842108421084p+0, -0x1.0415d89e74444p-5},
    {0x1.0624dd2f1a9fcp+0, -0x1.8492528c8cabfp-6}, {0x1.0410410410410p+0, -0x1.0205658935847p-6},
    {0x1.0204081020408p+0, -0x1.010157588de71p-7}, {0x1.0000000000000p+0, 0x0.0p+0},
    {0x1.fc07f01fc07f0p-1, 0x1.fe02a6b106789p-8},  {0x1.f81f81f81f820p-1, 0x1.fc0a8b0fc03e4p-7},
    {0x1.f44659e4a4271p-1, 0x1.7b91b07d5b11bp-6},  {0x1.f07c1f07c1f08p-1, 0x1.f829b0e783300p-6},
    {0x1.ecc07b301ecc0p-1, 0x1.39e87b9febd60p-5},  {0x1.e9131abf0b767p-1, 0x1.77458f632dcfcp-5},
    {0x1.e573ac901e574p-1, 0x1.b42dd711971bfp-5},  {0x1.e1e1e1e1e1e1ep-1, 0x1.f0a30c01162a6p-5},
    {0x1.de5d6e3f8868ap-1, 0x1.16536eea37ae1p-4},  {0x1.dae6076b981dbp-1, 0x1.341d7961bd1d1p-4},
    {0x1.d77b654b82c34p-1, 0x1.51b073f06183fp-4},  {0x1.d41d41d41d41dp-1, 0x1.6f0d28ae56b4cp-4},
    {0x1.d0cb58f6ec074p-1, 0x1.8c345d6319b21p-4},  {0x1.cd85689039b0bp-1, 0x1.a926d3a4ad563p-4},
    {0x1.ca4b3055ee191p-1, 0x1.c5e548f5bc743p-4},  {0x1.c71c71c71c71cp-1, 0x1.e27076e2af2e6p-4},
    {0x1.c3f8f01c3f8f0p-1, 0x1.fec9131dbeabbp-4},  {0x1.c0e070381c0e0p-1, 0x1.0d77e7cd08e59p-3},
    {0x1.bdd2b899406f7p-1, 0x1.1b72ad52f67a0p-3},  {0x1.bacf914c1bad0p-1, 0x1.29552f81ff523p-3},
    {0x1.b7d6c3dda338bp-1, 0x1.371fc201e8f74p-3},  {0x1.b4e81b4e81b4fp-1, 0x1.44d2b6ccb7d1ep-3},
    {0x1.b2036406c80d9p-1, 0x1.526e5e3a1b438p-3},  {0x1.af286bca1af28p-1, 0x1.5ff3070a793d4p-3},
    {0x1.ac5701ac5701bp-1, 0x1.6d60fe719d21dp-3},  {0x1.a98ef606a63bep-1, 0x1.7ab890210d909p-3},
    {0x1.a6d01a6d01a6dp-1, 0x1.87fa06520c911p-3},  {0x1.a41a41a41a41ap-1, 0x1.9525a9cf456b4p-3},
    {0x1.a16d3f97a4b02p-1, 0x1.a23bc1fe2b563p-3},  {0x1.9ec8e951033d9p-1, 0x1.af3c94e80bff3p-3},
    {0x1.9c2d14ee4a102p-1, 0x1.bc286742d8cd6p-3},  {0x1.999999999999ap-1, 0x1.c8ff7c79a9a22p-3},
    {0x1.970e4f80cb872p-1, 0x1.d5c216b4fbb91p-3},  {0x1.948b0fcd6e9e0p-1, 0x1.e27076e2af2e6p-3},
    {0x1.920fb49d0e229p-1, 0x1.ef0adcbdc5936p-3},  {0x1.8f9c18f9c18fap-1, 0x1.fb9186d5e3e2bp-3},
    {0x1.8d3018d3018d3p-1, 0x1.0402594b4d041p-2},  {0x1.8acb90f6bf3aap-1, 0x1.0a324e27390e3p-2},
    {0x1.886e5f0abb04ap-1, 0x1.1058bf9ae4ad5p-2},  {0x1.8618618618618p-1, 0x1.1675cababa60ep-2},
    {0x1.83c977ab2beddp-1, 0x1.1c898c16999fbp-2},  {0x1.8181818181818p-1, 0x1.22941fbcf7966p-2},
    {0x1.7f405fd017f40p-1, 0x1.2895a13de86a3p-2},  {0x1.7d05f417d05f4p-1, 0x1.2e8e2bae11d31p-2},
    {0x1.7ad2208e0ecc3p-1, 0x1.347dd9a987d55p-2},  {0x1.78a4c8178a4c8p-1, 0x1.3a64c556945eap-2},
    {0x1.767dce434a9b1p-1, 0x1.404308686a7e4p-2},  {0x1.745d1745d1746p-1, 0x1.4618bc21c5ec2p-2},
    {0x1.724287f46debcp-1, 0x1.4be5f957778a1p-2},  {0x1.702e05c0b8170p-1, 0x1.51aad872df82dp-2},
    {0x1.6e1f76b4337c7p-1, 0x1.5767717455a6cp-2},  {0x1.6c16c16c16c17p-1, 0x1.5d1bdbf5809cap-2},
    {0x1.6a13cd1537290p-1, 0x1.62c82f2b9c795p-2},
};

} // namespace immersim::detail
