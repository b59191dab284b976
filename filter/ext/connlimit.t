# connlimit match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m connlimit --connlimit-above 10;-m connlimit --connlimit-above 10 --connlimit-mask 32 --connlimit-saddr
-m connlimit --connlimit-upto 10;-m connlimit --connlimit-upto 10 --connlimit-mask 32 --connlimit-saddr
-m connlimit ! --connlimit-above 10;-m connlimit --connlimit-upto 10 --connlimit-mask 32 --connlimit-saddr
-m connlimit --connlimit-above 10 --connlimit-mask 24;-m connlimit --connlimit-above 10 --connlimit-mask 24 --connlimit-saddr
-m connlimit --connlimit-above 10 --connlimit-mask 32;-m connlimit --connlimit-above 10 --connlimit-mask 32 --connlimit-saddr
-m connlimit --connlimit-above 10 --connlimit-mask 24 --connlimit-saddr;=
-m connlimit --connlimit-above 10 --connlimit-daddr;-m connlimit --connlimit-above 10 --connlimit-mask 32 --connlimit-daddr
-m connlimit;FAIL;You must specify "--connlimit-above" or "--connlimit-upto".
-m connlimit --connlimit-above 4294967295;-m connlimit --connlimit-above 4294967295 --connlimit-mask 32 --connlimit-saddr
-m connlimit --connlimit-above 10 --connlimit-upto 5;FAIL;connlimit: option "--connlimit-upto" cannot be used together with "--connlimit-above".
-m connlimit --connlimit-above 0;-m connlimit --connlimit-above 0 --connlimit-mask 32 --connlimit-saddr
-6
*filter
:INPUT
-m connlimit --connlimit-above 10 --connlimit-mask 64;-m connlimit --connlimit-above 10 --connlimit-mask 64 --connlimit-saddr
-m connlimit --connlimit-above 10;-m connlimit --connlimit-above 10 --connlimit-mask 128 --connlimit-saddr
