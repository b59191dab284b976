# tos match
-4
*mangle
:PREROUTING,INPUT,FORWARD,OUTPUT,POSTROUTING
-m tos --tos 0x10;-m tos --tos 0x10/0xff
-m tos --tos 0x10/0x3f;=
-m tos ! --tos 0x10;-m tos ! --tos 0x10/0xff
-m tos --tos Minimize-Delay;-m tos --tos 0x10/0x3f
-m tos --tos Maximize-Throughput;-m tos --tos 0x08/0x3f
-m tos --tos Maximize-Reliability;-m tos --tos 0x04/0x3f
-m tos --tos Minimize-Cost;-m tos --tos 0x02/0x3f
-m tos --tos Normal-Service;-m tos --tos 0x00/0x3f
-m tos --tos 0x100;FAIL;Symbolic name "0x100" is unknown
-m tos;FAIL;tos: option "--tos" must be specified
-m tos --tos 0x10/0xff;=
